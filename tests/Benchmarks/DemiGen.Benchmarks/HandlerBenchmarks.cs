using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace DemiGen.Benchmarks;

/// <summary>
/// The generated coroutine against the C# compiler's async lowering of the same body, side by side: the cost of
/// one await that really suspends and is resumed by the scheduler (a yield) with one handler and with 64 handlers
/// runnable in each round (a server's case: the round's fixed cost is shared), and of spawning a handler and
/// running it through its first await. Each category's baseline is the generated coroutine.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class HandlerBenchmarks
{
    private const int Awaits = 1000;
    private const int Handlers = 64;
    private const int AwaitsEach = 100;

    private readonly DemiTask<int>[] demiTasks = new DemiTask<int>[Handlers];
    private readonly ValueTask<int>[] valueTasks = new ValueTask<int>[Handlers];
    private LibOS os = null!;

    [GlobalSetup]
    public void Setup() => os = LibOS.Create(LibOSKind.Catmem);

    [GlobalCleanup]
    public void Cleanup() => os.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume, 1 handler")]
    public int ResumeGenerated() => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, Awaits));

    [Benchmark(OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume, 1 handler")]
    public int ResumeAsyncValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, Awaits));

    [Benchmark(OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume, 1 handler")]
    public int ResumePoolingValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, Awaits));

    [Benchmark(OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume, 1 handler")]
    public int ResumeDemiTaskBuilder() => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, Awaits));

    [Benchmark(Baseline = true, OperationsPerInvoke = Handlers * AwaitsEach)]
    [BenchmarkCategory("resume, 64 handlers")]
    public int Resume64Generated()
    {
        for (int i = 0; i < Handlers; i++)
        {
            demiTasks[i] = HandlerBodies.YieldGenerated(os, AwaitsEach);
        }

        return HandlerBodies.FinishAll(os, demiTasks);
    }

    [Benchmark(OperationsPerInvoke = Handlers * AwaitsEach)]
    [BenchmarkCategory("resume, 64 handlers")]
    public int Resume64AsyncValueTask()
    {
        for (int i = 0; i < Handlers; i++)
        {
            valueTasks[i] = HandlerBodies.YieldValueTask(os, AwaitsEach);
        }

        return HandlerBodies.FinishAll(os, valueTasks);
    }

    [Benchmark(OperationsPerInvoke = Handlers * AwaitsEach)]
    [BenchmarkCategory("resume, 64 handlers")]
    public int Resume64PoolingValueTask()
    {
        for (int i = 0; i < Handlers; i++)
        {
            valueTasks[i] = HandlerBodies.YieldPoolingValueTask(os, AwaitsEach);
        }

        return HandlerBodies.FinishAll(os, valueTasks);
    }

    [Benchmark(OperationsPerInvoke = Handlers * AwaitsEach)]
    [BenchmarkCategory("resume, 64 handlers")]
    public int Resume64DemiTaskBuilder()
    {
        for (int i = 0; i < Handlers; i++)
        {
            demiTasks[i] = HandlerBodies.YieldDemiTaskBuilder(os, AwaitsEach);
        }

        return HandlerBodies.FinishAll(os, demiTasks);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("spawn + first await")]
    public int SpawnFirstAwaitGenerated() => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, 1));

    [Benchmark]
    [BenchmarkCategory("spawn + first await")]
    public int SpawnFirstAwaitAsyncValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, 1));

    [Benchmark]
    [BenchmarkCategory("spawn + first await")]
    public int SpawnFirstAwaitPoolingValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, 1));

    [Benchmark]
    [BenchmarkCategory("spawn + first await")]
    public int SpawnFirstAwaitDemiTaskBuilder() => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, 1));
}
