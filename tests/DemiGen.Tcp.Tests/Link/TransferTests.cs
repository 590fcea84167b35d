using System.Globalization;
using DemiGen.Inet.Tcp;
using Xunit;
using Xunit.Abstractions;

namespace DemiGen.Tcp.Tests.Link;

/// <summary>
/// Two engines over a lossy, reordering, duplicating, corrupting simulated link: a bulk transfer delivers every byte
/// exactly once and in order. 100 MiB per case by default (DEMIGEN_TCP_TRANSFER_MB changes it); the seed is random or
/// DEMIGEN_TCP_SEED, and is printed on failure.
/// </summary>
public class TransferTests(ITestOutputHelper output)
{
    private const int DefaultMegabytes = 100;

    [Theory]
    [InlineData(0.01, "cubic", true)]
    [InlineData(0.05, "cubic", true)]
    [InlineData(0.10, "cubic", true)]
    [InlineData(0.05, "newreno", true)]
    [InlineData(0.05, "newreno", false)]
    public void BulkTransferArrivesOnceAndInOrder(double loss, string congestion, bool options)
    {
        int seed = Environment.GetEnvironmentVariable("DEMIGEN_TCP_SEED") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next();
        int megabytes = Environment.GetEnvironmentVariable("DEMIGEN_TCP_TRANSFER_MB") is { } m ? int.Parse(m, CultureInfo.InvariantCulture) : DefaultMegabytes;
        TcpCongestionControl cc = congestion == "cubic" ? TcpCongestionControl.Cubic : TcpCongestionControl.NewReno;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var transfer = new BulkTransfer(
                seed,
                (long)megabytes << 20,
                new LinkFaults(loss, Duplication: 0.01, Reordering: 0.02, Corruption: 0.002),
                () => new TcpConfig { CongestionControl = cc, Sack = options, Timestamps = options, WindowScaling = options, Msl = TimeSpan.FromSeconds(1) });
            transfer.RunUntil(t => t.Finished);
            Assert.Equal((long)megabytes << 20, transfer.Received);
            Assert.True(transfer.HashesMatch, "SHA-256 of the sent and received streams differ");

            TcpStats a = transfer.Link.Hosts[0].Stats;
            TcpStats b = transfer.Link.Hosts[1].Stats;
            output.WriteLine(
                $"seed {seed}: {megabytes} MiB in {transfer.SimulatedNanoseconds / 1e9:0.00} s simulated, {watch.Elapsed.TotalSeconds:0.00} s real; " +
                $"link delivered {transfer.Link.Delivered}, dropped {transfer.Link.Dropped}; client retransmissions {a.Retransmissions}, " +
                $"fast {a.FastRetransmits}, timeouts {a.RetransmitTimeouts}; bad checksums {a.DroppedBadChecksum + b.DroppedBadChecksum}; " +
                $"out of order at server {b.OutOfOrderSegments}");
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed} (replay with DEMIGEN_TCP_SEED={seed}): {e}");
        }
    }
}
