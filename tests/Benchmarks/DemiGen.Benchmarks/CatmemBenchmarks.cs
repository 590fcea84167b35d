using BenchmarkDotNet.Attributes;

namespace DemiGen.Benchmarks;

/// <summary>One push and one pop through an in-memory queue, both waited: the queue API's fixed cost.</summary>
[MemoryDiagnoser]
public class CatmemBenchmarks
{
    private LibOS os = null!;
    private QDesc queue;
    private Sga message;

    [GlobalSetup]
    public void Setup()
    {
        os = LibOS.Create(LibOSKind.Catmem);
        queue = os.CreateQueue();
        message = os.SgaAlloc(64);
    }

    [GlobalCleanup]
    public void Cleanup() => os.Dispose();

    [Benchmark]
    public int PushPopRoundTrip()
    {
        QToken push = os.Push(queue, message);
        QResult popped = os.Wait(os.Pop(queue));
        os.Wait(push);
        int length = popped.Sga.Length;
        os.SgaFree(popped.Sga);
        return length;
    }
}
