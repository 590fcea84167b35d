using BenchmarkDotNet.Attributes;

namespace DemiGen.Benchmarks;

/// <summary>
/// The generated coroutine against the C# compiler's async lowering of the same body, side by side: the cost of
/// one await that really suspends and is resumed by the scheduler (a yield), and of spawning a handler and running
/// it through its first await.
/// </summary>
[MemoryDiagnoser]
public class HandlerBenchmarks
{
    private const int Awaits = 1000;

    private LibOS os = null!;

    [GlobalSetup]
    public void Setup() => os = LibOS.Create(LibOSKind.Catmem);

    [GlobalCleanup]
    public void Cleanup() => os.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume")]
    public int ResumeGenerated() => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, Awaits));

    [Benchmark(OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume")]
    public int ResumeAsyncValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, Awaits));

    [Benchmark(OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume")]
    public int ResumePoolingValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, Awaits));

    [Benchmark(OperationsPerInvoke = Awaits)]
    [BenchmarkCategory("resume")]
    public int ResumeDemiTaskBuilder() => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, Awaits));

    [Benchmark]
    [BenchmarkCategory("spawn")]
    public int SpawnFirstAwaitGenerated() => HandlerBodies.Finish(os, HandlerBodies.YieldGenerated(os, 1));

    [Benchmark]
    [BenchmarkCategory("spawn")]
    public int SpawnFirstAwaitAsyncValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldValueTask(os, 1));

    [Benchmark]
    [BenchmarkCategory("spawn")]
    public int SpawnFirstAwaitPoolingValueTask() => HandlerBodies.Finish(os, HandlerBodies.YieldPoolingValueTask(os, 1));

    [Benchmark]
    [BenchmarkCategory("spawn")]
    public int SpawnFirstAwaitDemiTaskBuilder() => HandlerBodies.Finish(os, HandlerBodies.YieldDemiTaskBuilder(os, 1));
}
