using BenchmarkDotNet.Attributes;

namespace DemiGen.Benchmarks;

/// <summary>SgaAlloc + SgaFree from registered memory, per size class.</summary>
[MemoryDiagnoser]
public class SgaBenchmarks
{
    private LibOS os = null!;

    [Params(64, 2048, 65536, 200_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => os = LibOS.Create(LibOSKind.Catmem);

    [GlobalCleanup]
    public void Cleanup() => os.Dispose();

    [Benchmark]
    public int AllocFree()
    {
        Sga sga = os.SgaAlloc(Size);
        int length = sga.Length;
        os.SgaFree(sga);
        return length;
    }
}
