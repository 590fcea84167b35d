using DemiGen.Inet.Tcp;
using Xunit;

namespace DemiGen.Tcp.Tests;

/// <summary>The engine's building blocks: serial arithmetic, range sets, the ring buffer, RTO, congestion windows.</summary>
public class BuildingBlockTests
{
    [Fact]
    public void SequenceNumbersCompareAcrossWraparound()
    {
        var nearTop = new SeqNumber(uint.MaxValue - 10);
        SeqNumber wrapped = nearTop + 20;
        Assert.Equal(9u, wrapped.Value);
        Assert.True(nearTop < wrapped);
        Assert.True(wrapped > nearTop);
        Assert.Equal(20, wrapped - nearTop);
        Assert.Equal(-20, nearTop - wrapped);
        Assert.Equal(wrapped, SeqNumber.Max(nearTop, wrapped));
        Assert.True(new SeqNumber(0) > new SeqNumber(0x80000001));
    }

    [Fact]
    public void RangeSetMergesSplitsAndTrims()
    {
        var set = new SeqRangeSet(4);
        Assert.True(set.Add(new SeqNumber(100), new SeqNumber(200)));
        Assert.True(set.Add(new SeqNumber(300), new SeqNumber(400)));
        Assert.True(set.Add(new SeqNumber(200), new SeqNumber(300)));   // bridges both: one range
        Assert.Equal(1, set.Count);
        Assert.Equal(new SackBlock(new SeqNumber(100), new SeqNumber(400)), set[0]);

        set.Add(new SeqNumber(500), new SeqNumber(600));
        set.Add(new SeqNumber(700), new SeqNumber(800));
        set.Add(new SeqNumber(900), new SeqNumber(1000));
        Assert.False(set.Add(new SeqNumber(1100), new SeqNumber(1200)));  // full
        Assert.Equal(600, set.TotalBytes);
        Assert.Equal(100, set.UncoveredBytes(new SeqNumber(400), new SeqNumber(600)));
        Assert.Equal(new SeqNumber(700), set.NextLeftAfter(new SeqNumber(600), new SeqNumber(2000)));
        Assert.True(set.Contains(new SeqNumber(550), out SeqNumber right));
        Assert.Equal(new SeqNumber(600), right);

        // More than 200 bytes covered above 500: the edge is the left of the range that crosses the threshold.
        Assert.Equal(new SeqNumber(500), set.EdgeWithCoveredAbove(200, new SeqNumber(0)));
        Assert.Equal(new SeqNumber(0), set.EdgeWithCoveredAbove(600, new SeqNumber(0)));

        set.RemoveBelow(new SeqNumber(550));
        Assert.Equal(3, set.Count);
        Assert.Equal(new SackBlock(new SeqNumber(550), new SeqNumber(600)), set[0]);
    }

    [Fact]
    public void SackBlocksPutTheNewestFirst()
    {
        var set = new SeqRangeSet(8);
        set.Add(new SeqNumber(100), new SeqNumber(200));
        set.Add(new SeqNumber(300), new SeqNumber(400));
        set.Add(new SeqNumber(500), new SeqNumber(600));
        set.Add(new SeqNumber(700), new SeqNumber(800));
        set.Add(new SeqNumber(400), new SeqNumber(450));
        var options = default(TcpOptions);
        set.WriteSackBlocks(ref options, 3);
        Assert.Equal(3, options.SackCount);
        Assert.Equal(new SackBlock(new SeqNumber(300), new SeqNumber(450)), options.Sack[0]);
        Assert.Equal(new SackBlock(new SeqNumber(100), new SeqNumber(200)), options.Sack[1]);
        Assert.Equal(new SackBlock(new SeqNumber(500), new SeqNumber(600)), options.Sack[2]);
    }

    [Fact]
    public void RingWrapsAndHoldsDataBeyondTheTail()
    {
        var ring = new ByteRing(8);
        Assert.Equal(6, ring.Append([1, 2, 3, 4, 5, 6]));
        ring.Discard(5);
        ring.WriteAt(3, [9, 9]);                      // past the tail, across the wrap (then overwritten by the append)
        Assert.Equal(5, ring.Append([7, 8, 10, 11, 12]));
        byte[] out8 = new byte[5];
        ring.CopyTo(0, out8);
        Assert.Equal(new byte[] { 6, 7, 8, 10, 11 }, out8);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.Discard(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.WriteAt(7, [1, 2]));
    }

    [Fact]
    public void RtoFollowsRfc6298()
    {
        const long Ms = 1_000_000;
        var rtt = new RttEstimator(1000 * Ms, 200 * Ms, 60_000 * Ms, Ms);
        Assert.Equal(1000 * Ms, rtt.Rto);
        rtt.Sample(100 * Ms);                          // SRTT 100, RTTVAR 50 -> 300
        Assert.Equal(300 * Ms, rtt.Rto);
        rtt.Sample(300 * Ms);                          // RTTVAR 3/4·50 + 1/4·200 = 87.5, SRTT 125 -> 475
        Assert.Equal(475 * Ms, rtt.Rto);
        rtt.Backoff();
        Assert.Equal(950 * Ms, rtt.Rto);
        for (int i = 0; i < 10; i++)
        {
            rtt.Backoff();
        }

        Assert.Equal(60_000 * Ms, rtt.Rto);
        var fast = new RttEstimator(1000 * Ms, 200 * Ms, 60_000 * Ms, Ms);
        fast.Sample(1 * Ms);
        Assert.Equal(200 * Ms, fast.Rto);             // clamped to the minimum
    }

    [Fact]
    public void CubicCutsLessThanRenoAndRegrowsTowardTheOldMaximum()
    {
        const int Mss = 1000;
        const long Second = 1_000_000_000;
        var reno = new NewRenoController(Mss, 10);
        var cubic = new CubicController(Mss, 10);
        reno.OnLossDetected(100_000, 0);
        cubic.OnLossDetected(100_000, 0);
        Assert.Equal(50_000, reno.Cwnd);
        Assert.Equal(70_000, cubic.Cwnd);

        // Acknowledge a full window every 100 ms for 5 s: CUBIC's K = cbrt(100·0.3/0.4) ≈ 4.2 s, so by then it is back
        // near W_max = 100 segments, while Reno has added one segment per round trip.
        long now = 0;
        for (int rtt = 0; rtt < 50; rtt++)
        {
            now += Second / 10;
            long renoWindow = reno.Cwnd;
            for (long acked = 0; acked < renoWindow; acked += Mss)
            {
                reno.OnAck(Mss, reno.Cwnd, now, Second / 10);
            }

            long cubicWindow = cubic.Cwnd;
            for (long acked = 0; acked < cubicWindow; acked += Mss)
            {
                cubic.OnAck(Mss, cubic.Cwnd, now, Second / 10);
            }
        }

        Assert.InRange(reno.Cwnd, 95_000, 105_000);
        Assert.InRange(cubic.Cwnd, 95_000, 140_000);
        Assert.True(cubic.Cwnd > reno.Cwnd);
    }

    [Fact]
    public void SlowStartCountsAtMostTwoSegmentsPerAck()
    {
        var reno = new NewRenoController(1000, 2);
        reno.OnAck(5000, 2000, 0, 0);
        Assert.Equal(4000, reno.Cwnd);
    }
}
