using DemiGen.Inet.Tcp;
using Xunit;

namespace DemiGen.Tcp.Tests.Link;

/// <summary>Once connections exist and buffers are warm, the engines allocate nothing per segment.</summary>
public class AllocationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.0, TcpCongestionControl.Cubic)]
    [InlineData(0.02, TcpCongestionControl.NewReno)]
    public void SteadyStateTransferDoesNotAllocate(double loss, TcpCongestionControl congestion)
    {
        const int seed = 7;
        using var transfer = new BulkTransfer(
            seed,
            64L << 20,
            new LinkFaults(loss, Duplication: 0.01, Reordering: 0.02, Corruption: 0.001),
            () => new TcpConfig { CongestionControl = congestion });

        // Warm up: handshake, buffer growth of the link's queues, JIT.
        transfer.RunUntil(t => t.Received >= 4L << 20);
        long segmentsBefore = transfer.Link.Delivered;
        long before = GC.GetAllocatedBytesForCurrentThread();
        transfer.RunUntil(t => t.Received >= 20L << 20);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long segments = transfer.Link.Delivered - segmentsBefore;

        output.WriteLine($"{allocated} bytes allocated over {segments} segments");
        Assert.True(segments > 10_000, $"only {segments} segments");
        Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated over {segments} segments");
    }
}
