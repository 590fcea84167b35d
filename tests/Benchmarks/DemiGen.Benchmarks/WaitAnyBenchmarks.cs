using BenchmarkDotNet.Attributes;

namespace DemiGen.Benchmarks;

/// <summary>
/// WaitAny over N pending pops where one completes: registering, waiting and unregistering cost O(N) once per
/// call, and completion delivery does not rescan the tokens.
/// </summary>
[MemoryDiagnoser]
public class WaitAnyBenchmarks
{
    private LibOS os = null!;
    private QDesc[] queues = [];
    private QToken[] pops = [];
    private Sga message;
    private int next;

    [Params(1, 64, 4096)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        os = LibOS.Create(LibOSKind.Catmem);
        queues = new QDesc[Tokens];
        pops = new QToken[Tokens];
        for (int i = 0; i < Tokens; i++)
        {
            queues[i] = os.CreateQueue();
            pops[i] = os.Pop(queues[i]);
        }

        message = os.SgaAlloc(64);
    }

    [GlobalCleanup]
    public void Cleanup() => os.Dispose();

    [Benchmark]
    public int WaitAnyOneCompletes()
    {
        int target = next;
        next = (next + 1) % Tokens;
        QToken push = os.Push(queues[target], message);
        int index = os.WaitAny(pops, out QResult result);
        os.SgaFree(result.Sga);
        os.Wait(push);
        pops[index] = os.Pop(queues[index]);
        return index;
    }
}
