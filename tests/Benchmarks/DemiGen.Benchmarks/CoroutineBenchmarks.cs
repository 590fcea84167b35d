using BenchmarkDotNet.Attributes;

namespace DemiGen.Benchmarks;

/// <summary>Spawning a hand-written struct coroutine and running it to its end through the scheduler.</summary>
[MemoryDiagnoser]
public class CoroutineBenchmarks
{
    private LibOS os = null!;

    [GlobalSetup]
    public void Setup() => os = LibOS.Create(LibOSKind.Catmem);

    [GlobalCleanup]
    public void Cleanup() => os.Dispose();

    /// <summary>Spawn, first resume, one yield (a real suspend and resume), finish, and the awaiter's wait.</summary>
    [Benchmark]
    public DemiOpcode SpawnYieldOnceAndFinish() => os.Wait(os.StartCoroutine(new YieldOnce()).Token).Opcode;

    /// <summary>A coroutine yielding 1,000 times: the cost per suspend + resume (divide by 1,000).</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public DemiOpcode ResumeAfterYield() => os.Wait(os.StartCoroutine(new YieldMany(1000)).Token).Opcode;

    private struct YieldOnce : ICoroutine
    {
        private bool yielded;

        public CoroutineStep MoveNext(in TaskContext context)
        {
            if (yielded)
            {
                return CoroutineStep.Done;
            }

            yielded = true;
            return CoroutineStep.Yield;
        }
    }

    private struct YieldMany(int count) : ICoroutine
    {
        private int done;

        public CoroutineStep MoveNext(in TaskContext context) => ++done > count ? CoroutineStep.Done : CoroutineStep.Yield;
    }
}
