using System.Diagnostics;

namespace DemiGen.Benchmarks;

/// <summary>
/// A quick A/B check of the handler benchmarks on a busy machine: the same bodies and harness loop as
/// <see cref="HandlerBenchmarks"/>, each timed in many short runs of which the fastest is kept (interference only
/// ever adds time). Not a replacement for the BenchmarkDotNet table; use it to compare two builds run alternately.
/// </summary>
internal static class HandlerTimingProbe
{
    private const int Awaits = 1000;
    private const int Handlers = 64;
    private const int AwaitsEach = 100;

    private const int WarmUpMilliseconds = 400;

    /// <summary>When set, only the lines whose name contains it run (e.g. to profile one of them).</summary>
    private static string? onlyLines;

    internal static void Run(int runs, string? only = null)
    {
        onlyLines = only;
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int>[] demiTasks = new DemiTask<int>[Handlers];
        ValueTask<int>[] valueTasks = new ValueTask<int>[Handlers];

        // Two passes: the first lets tiered compilation reach its optimized code, the second is reported.
        for (int pass = 0; pass < 2; pass++)
        {
            bool report = pass == 1;
            Time(report, runs, "resume, 1 handler: generated", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, Awaits)));
            Time(report, runs, "resume, 1 handler: DemiTask builder", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, Awaits)));
            Time(report, runs, "resume, 1 handler: async ValueTask", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, Awaits)));
            Time(report, runs, "resume, 1 handler: pooling ValueTask", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, Awaits)));
            Time(report, runs, "resume, 64 handlers: generated", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    demiTasks[i] = HandlerBodies.YieldGenerated(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, demiTasks);
            });
            Time(report, runs, "resume, 64 handlers: DemiTask builder", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    demiTasks[i] = HandlerBodies.YieldDemiTaskBuilder(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, demiTasks);
            });
            Time(report, runs, "resume, 64 handlers: async ValueTask", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    valueTasks[i] = HandlerBodies.YieldValueTask(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, valueTasks);
            });
            Time(report, runs, "resume, 64 handlers: pooling ValueTask", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    valueTasks[i] = HandlerBodies.YieldPoolingValueTask(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, valueTasks);
            });
            Time(report, runs, "spawn + first await: generated", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, 1)));
            Time(report, runs, "spawn + first await: DemiTask builder", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, 1)));
            Time(report, runs, "spawn + first await: async ValueTask", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, 1)));
            Time(report, runs, "spawn + first await: pooling ValueTask", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, 1)));
        }
    }

    private static void Time(bool report, int runs, string name, int operationsPerInvoke, int invokesPerRun, Func<int> invoke)
    {
        if (onlyLines is not null && !name.Contains(onlyLines, StringComparison.Ordinal))
        {
            return;
        }

        // The warm-up pass runs each line for a while too: tiered compilation promotes a method only after a delay
        // with no new compilations (100 ms by default), longer than some lines' runs; a method first used by a short
        // line would otherwise be measured in its unoptimized tier.
        long warmUpEnd = Stopwatch.GetTimestamp() + (report ? 0 : Stopwatch.Frequency * WarmUpMilliseconds / 1000);
        double fastest = double.MaxValue;
        for (int run = 0; run < runs || Stopwatch.GetTimestamp() < warmUpEnd; run++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < invokesPerRun; i++)
            {
                invoke();
            }

            double nanoseconds = Stopwatch.GetElapsedTime(start).Ticks * 100.0 / ((long)invokesPerRun * operationsPerInvoke);
            fastest = Math.Min(fastest, nanoseconds);
        }

        if (report)
        {
            Console.WriteLine($"{name,-42} {fastest,8:F2} ns");
        }
    }
}
