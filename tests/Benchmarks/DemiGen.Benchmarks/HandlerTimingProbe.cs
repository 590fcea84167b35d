using System.Diagnostics;

namespace DemiGen.Benchmarks;

/// <summary>
/// The handler benchmarks' bodies and harness loop (<see cref="HandlerBenchmarks"/>) timed side by side in one
/// process: after a warm-up, every run times each line once in turn, and each line keeps its fastest run
/// (interference only ever adds time). Because the lines take turns, they share whatever the machine does meanwhile
/// — on this VM one vCPU at a time can run 2–3x slower than the other for minutes, which decides a whole
/// BenchmarkDotNet launch — so each line's ratio to its category's generated coroutine is a paired comparison.
/// Also the quick A/B check of two builds run alternately.
/// </summary>
internal static class HandlerTimingProbe
{
    private const int Awaits = 1000;
    private const int Handlers = 64;
    private const int AwaitsEach = 100;

    private const int WarmUpMilliseconds = 400;

    internal static void Run(int runs, string? only = null)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int>[] demiTasks = new DemiTask<int>[Handlers];
        ValueTask<int>[] valueTasks = new ValueTask<int>[Handlers];
        ProbeLine[] lines =
        [
            new("resume, 1 handler", "generated", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, Awaits))),
            new("resume, 1 handler", "DemiTask builder", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, Awaits))),
            new("resume, 1 handler", "async ValueTask", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, Awaits))),
            new("resume, 1 handler", "pooling ValueTask", Awaits, 100, () => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, Awaits))),
            new("resume, 64 handlers", "generated", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    demiTasks[i] = HandlerBodies.YieldGenerated(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, demiTasks);
            }),
            new("resume, 64 handlers", "DemiTask builder", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    demiTasks[i] = HandlerBodies.YieldDemiTaskBuilder(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, demiTasks);
            }),
            new("resume, 64 handlers", "async ValueTask", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    valueTasks[i] = HandlerBodies.YieldValueTask(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, valueTasks);
            }),
            new("resume, 64 handlers", "pooling ValueTask", Handlers * AwaitsEach, 10, () =>
            {
                for (int i = 0; i < Handlers; i++)
                {
                    valueTasks[i] = HandlerBodies.YieldPoolingValueTask(os, AwaitsEach);
                }

                return HandlerBodies.FinishAll(os, valueTasks);
            }),
            new("spawn + first await", "generated", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, 1))),
            new("spawn + first await", "DemiTask builder", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, 1))),
            new("spawn + first await", "async ValueTask", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, 1))),
            new("spawn + first await", "pooling ValueTask", 1, 100_000, () => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, 1))),
        ];

        // When a filter is given, only the lines whose name contains it run (e.g. to profile one of them).
        ProbeLine[] chosen = only is null ? lines : Array.FindAll(lines, line => line.Name.Contains(only, StringComparison.Ordinal));
        WarmUp(chosen);
        for (int run = 0; run < runs; run++)
        {
            foreach (ProbeLine line in chosen)
            {
                line.TimeOnce();
            }
        }

        foreach (ProbeLine line in chosen)
        {
            ProbeLine? generated = Array.Find(chosen, other => other.Category == line.Category && other.Variant == "generated");
            string ratio = generated is null ? "" : $"{line.Fastest / generated.Fastest,7:F2}x";
            Console.WriteLine($"{line.Name,-42} {line.Fastest,8:F2} ns {ratio}");
        }
    }

    /// <summary>
    /// Runs each line for a while: tiered compilation promotes a method only after a delay with no new compilations
    /// (100 ms by default), longer than some lines' runs; a method first used by a short line would otherwise be
    /// measured in its unoptimized tier. Two rounds, so that code every line shares is promoted before any is timed.
    /// </summary>
    private static void WarmUp(ProbeLine[] lines)
    {
        for (int round = 0; round < 2; round++)
        {
            foreach (ProbeLine line in lines)
            {
                long end = Stopwatch.GetTimestamp() + Stopwatch.Frequency * WarmUpMilliseconds / 1000;
                while (Stopwatch.GetTimestamp() < end)
                {
                    line.TimeOnce();
                }
            }
        }

        foreach (ProbeLine line in lines)
        {
            line.Reset();
        }
    }

    /// <summary>One variant in one category: its body, how many operations one invoke does, and its fastest run so far.</summary>
    private sealed class ProbeLine(string category, string variant, int operationsPerInvoke, int invokesPerRun, Func<int> invoke)
    {
        internal string Category => category;

        internal string Variant => variant;

        internal string Name => $"{category}: {variant}";

        /// <summary>Nanoseconds per operation of the fastest run.</summary>
        internal double Fastest { get; private set; } = double.MaxValue;

        internal void Reset() => Fastest = double.MaxValue;

        internal void TimeOnce()
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < invokesPerRun; i++)
            {
                invoke();
            }

            double nanoseconds = Stopwatch.GetElapsedTime(start).Ticks * 100.0 / ((long)invokesPerRun * operationsPerInvoke);
            Fastest = Math.Min(Fastest, nanoseconds);
        }
    }
}
