using DemiGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DemiGen.Generators.Tests.Differential;

/// <summary>What only the generated path does: scheduler coroutines, no allocation, stack traces into the handler.</summary>
public sealed class GeneratedPathTests
{
    private const string Source = """
        using System;
        using DemiGen;

        public static partial class Program
        {
            [DemiHandler]
            public static async DemiTask<int> Counted(LibOS os)
            {
                int live = os.Stats.LiveCoroutines;
                await os.YieldAsync();
                return live;
            }

            [DemiHandler]
            public static async DemiTask<int> Pinger(LibOS os, int rounds)
            {
                int sum = 0;
                for (int i = 0; i < rounds; i++)
                {
                    await os.YieldAsync();
                    sum += await Child(os, i);
                }

                return sum;
            }

            [DemiHandler]
            public static async DemiTask<int> Child(LibOS os, int value)
            {
                await os.YieldAsync();
                return value;
            }

            [DemiHandler]
            public static async DemiTask<int> Thrower(LibOS os)
            {
                await os.YieldAsync();
                throw new InvalidOperationException("from the handler");
            }

            [DemiHandler]
            public static async DemiTask Park(LibOS os, QDesc queue)
            {
                Sga data = await os.PopAsync(queue);
                os.SgaFree(data);
            }

            [DemiHandler]
            public static async DemiTask FailLater(LibOS os)
            {
                await os.YieldAsync();
                throw new InvalidOperationException("spawned failure");
            }

            [DemiHandler]
            public static async DemiTask<int> Racer(LibOS os, DemiOperation pop, int rounds)
            {
                int timeouts = 0;
                for (int i = 0; i < rounds; i++)
                {
                    WhenAnyResult won = await os.WhenAnyAsync(pop, os.DelayAsync(TimeSpan.Zero));
                    timeouts += won.Index;
                }

                return timeouts;
            }

            [DemiHandler]
            public static async DemiTask<int> CountedAs<TValue>(LibOS os, TValue value)
                where TValue : struct
            {
                int live = os.Stats.LiveCoroutines;
                await os.YieldAsync();
                return live + (System.Collections.Generic.EqualityComparer<TValue>.Default.Equals(value, default) ? 0 : 10);
            }

            [DemiHandler]
            public static async DemiTask<int> CountedThrough<TValue>(LibOS os, TValue value)
                where TValue : struct => await CountedAs(os, value);

            public static int LiveCoroutinesSeenByGenericHandlers()
            {
                using LibOS os = LibOS.Create(LibOSKind.Catmem);
                return Finish(os, CountedAs(os, 5)) * 100 + Finish(os, CountedThrough(os, 0L));
            }

            public static long BytesAllocatedPerGenericRun()
            {
                using LibOS os = LibOS.Create(LibOSKind.Catmem);
                for (int i = 0; i < 200; i++)
                {
                    Finish(os, CountedThrough(os, i));
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    Finish(os, CountedThrough(os, i));
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            public static string SpawnedHandlers()
            {
                string? reported = null;
                using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { OnUnhandledException = e => reported = e.Message });
                QDesc queue = os.CreateQueue();
                os.Spawn(Park(os, queue));
                os.Spawn(FailLater(os));
                for (int i = 0; i < 4; i++)
                {
                    os.Poll();
                }

                return $"pending {os.Stats.PendingOperations}, live {os.Stats.LiveCoroutines}, reported {reported}";
            }

            public static int LiveCoroutinesSeenByHandler()
            {
                using LibOS os = LibOS.Create(LibOSKind.Catmem);
                DemiTask<int> task = Counted(os);
                return Finish(os, task);
            }

            public static string TwoLibOSes()
            {
                using LibOS first = LibOS.Create(LibOSKind.Catmem);
                using LibOS second = LibOS.Create(LibOSKind.Catmem);
                DemiTask<int> task = Counted(second);
                return $"{first.Stats.LiveCoroutines} {second.Stats.LiveCoroutines} {Finish(second, task)}";
            }

            public static long BytesAllocatedPerRun()
            {
                using LibOS os = LibOS.Create(LibOSKind.Catmem);
                for (int i = 0; i < 200; i++)
                {
                    Finish(os, Pinger(os, 8));
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 100; i++)
                {
                    Finish(os, Pinger(os, 8));
                }

                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            public static long BytesAllocatedPerRace()
            {
                using LibOS os = LibOS.Create(LibOSKind.Catmem);
                DemiOperation pop = os.PopAsync(os.CreateQueue());
                for (int i = 0; i < 200; i++)
                {
                    Finish(os, Racer(os, pop, 8));
                }

                // The best of a few measurements: a one-off allocation while the runtime tiers methods up is not per race.
                long best = long.MaxValue;
                for (int attempt = 0; attempt < 5 && best != 0; attempt++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    int timeouts = 0;
                    for (int i = 0; i < 100; i++)
                    {
                        timeouts += Finish(os, Racer(os, pop, 8));
                    }

                    best = timeouts == 800 ? Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before) : -timeouts;
                }

                return best;
            }

            public static string ThrowerStackTrace()
            {
                using LibOS os = LibOS.Create(LibOSKind.Catmem);
                try
                {
                    Finish(os, Thrower(os));
                    return "no exception";
                }
                catch (InvalidOperationException e)
                {
                    return e.StackTrace ?? "no stack trace";
                }
            }

            private static int Finish(LibOS os, DemiTask<int> task)
            {
                while (!task.IsCompleted)
                {
                    os.Poll();
                }

                return task.GetResult();
            }
        }
        """;

    private static readonly Lazy<Compilation> Generated = new(() => TestCompiler.Generate(TestCompiler.Compilation(("Program.cs", Source))).Output);

    [Fact]
    public void InterceptedCallRunsAsSchedulerCoroutine()
    {
        using LoadedProgram program = TestCompiler.Load(Generated.Value);
        Assert.Equal(1, program.Invoke("Program", "LiveCoroutinesSeenByHandler"));
    }

    [Fact]
    public void GenericHandlersRunAsSchedulerCoroutinesAndAllocateNothing()
    {
        using LoadedProgram generated = TestCompiler.Load(Generated.Value);
        Assert.Equal(1102, generated.Invoke("Program", "LiveCoroutinesSeenByGenericHandlers"));
        Assert.Equal(0L, generated.Invoke("Program", "BytesAllocatedPerGenericRun"));
        using LoadedProgram compatibility = TestCompiler.Load(TestCompiler.Compilation(("Program.cs", Source)));
        Assert.Equal(1000, compatibility.Invoke("Program", "LiveCoroutinesSeenByGenericHandlers"));
    }

    [Fact]
    public void HandlerRunsOnTheLibOSItIsGivenNotTheCurrentOne()
    {
        using LoadedProgram program = TestCompiler.Load(Generated.Value);
        Assert.Equal("0 1 1", program.Invoke("Program", "TwoLibOSes"));
    }

    [Fact]
    public void CompatibilityPathRunsNoSchedulerCoroutine()
    {
        using LoadedProgram program = TestCompiler.Load(TestCompiler.Compilation(("Program.cs", Source)));
        Assert.Equal(0, program.Invoke("Program", "LiveCoroutinesSeenByHandler"));
    }

    [Fact]
    public void SpawnedHandlerKeepsNoCompletionTokenAndReportsItsFailure()
    {
        using LoadedProgram program = TestCompiler.Load(Generated.Value);
        Assert.Equal("pending 1, live 1, reported spawned failure", program.Invoke("Program", "SpawnedHandlers"));
    }

    [Fact]
    public void SpawnsAndAwaitsAllocateNothingInSteadyState()
    {
        using LoadedProgram program = TestCompiler.Load(Generated.Value);
        Assert.Equal(0L, program.Invoke("Program", "BytesAllocatedPerRun"));
    }

    [Fact]
    public void WhenAnyRacesAllocateNothingInSteadyState()
    {
        using LoadedProgram program = TestCompiler.Load(Generated.Value);
        Assert.Equal(0L, program.Invoke("Program", "BytesAllocatedPerRace"));
    }

    [Fact]
    public void StackTracePointsIntoTheHandlerSource()
    {
        using LoadedProgram program = TestCompiler.Load(Generated.Value);
        string trace = (string)program.Invoke("Program", "ThrowerStackTrace")!;
        Assert.Contains("ThrowerCoroutine.MoveNext", trace, StringComparison.Ordinal);
        Assert.True(trace.Contains("Program.cs:line 38", StringComparison.Ordinal), trace);
    }
}
