using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnip.Tests;

public class SimulatedLinkTests
{
    private static (long Lost, long Duplicated, long Reordered, long Corrupted, List<string> Arrivals) Carry(int seed)
    {
        ManualClock clock = new(autoAdvance: false);
        SimulatedLink link = new(clock, new SimulatedLinkFaults { LossRate = 0.2, DuplicationRate = 0.2, ReorderRate = 0.2, CorruptionRate = 0.2 }, seed);
        for (int i = 0; i < 200; i++)
        {
            link.A.SendFrame(BitConverter.GetBytes(i));
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        List<string> arrivals = [];
        while (link.B.TryReceiveFrame(out byte[] frame))
        {
            arrivals.Add(Convert.ToHexString(frame));
        }

        SimulatedLinkCounters c = link.Counters;
        return (c.Lost, c.Duplicated, c.Reordered, c.Corrupted, arrivals);
    }

    [Fact]
    public void SameSeedGivesTheSameFaultsAndArrivals()
    {
        var first = Carry(42);
        var second = Carry(42);
        Assert.Equal((first.Lost, first.Duplicated, first.Reordered, first.Corrupted), (second.Lost, second.Duplicated, second.Reordered, second.Corrupted));
        Assert.Equal(first.Arrivals, second.Arrivals);
        Assert.NotEqual(first.Arrivals, Carry(43).Arrivals);
    }

    [Fact]
    public void EveryFaultHappensAndArrivalsAddUp()
    {
        var r = Carry(5);
        Assert.True(r.Lost > 0 && r.Duplicated > 0 && r.Reordered > 0 && r.Corrupted > 0);
        Assert.Equal(200 - r.Lost + r.Duplicated, r.Arrivals.Count);
    }

    [Fact]
    public void FrameArrivesOnlyAfterTheLinkDelay()
    {
        ManualClock clock = new(autoAdvance: false);
        SimulatedLink link = new(clock, new SimulatedLinkFaults { Delay = TimeSpan.FromMilliseconds(2) });
        link.A.SendFrame([1, 2, 3]);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(link.B.TryReceiveFrame(out _));
        Assert.Equal(2_000_000, link.NextDeliveryNanoseconds);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(link.B.TryReceiveFrame(out byte[] frame));
        Assert.Equal(new byte[] { 1, 2, 3 }, frame);
    }

    [Fact]
    public void ReorderedFrameIsOvertakenByTheNextOne()
    {
        ManualClock clock = new(autoAdvance: false);
        SimulatedLink link = new(clock, new SimulatedLinkFaults { ReorderRate = 1 });
        link.A.SendFrame([1]);
        link.Faults = SimulatedLinkFaults.None;
        link.A.SendFrame([2]);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(link.B.TryReceiveFrame(out byte[] first));
        Assert.True(link.B.TryReceiveFrame(out byte[] second));
        Assert.Equal(new byte[] { 2 }, first);
        Assert.Equal(new byte[] { 1 }, second);
    }

    [Fact]
    public void WaitingOnALoneStackWithNothingInFlightIsReportedAsADeadlock()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        DemiUsageException error = Assert.Throws<DemiUsageException>(() => h.OS.Wait(h.OS.Pop(qd)));
        Assert.Contains("SimulatedNetwork", error.Message);
    }

    [Fact]
    public void WaitingWithAnAutoAdvancingClockJumpsToTheNextArpRetry()
    {
        ManualClock clock = new(autoAdvance: true);
        SimulatedLink link = new(clock);
        using LibOS os = LibOS.Create(LibOSKind.Catnip, new LibOSOptions
        {
            Clock = clock,
            SpinBudget = 0,
            Catnip = new CatnipOptions { Device = CatnipDeviceKind.Simulated, SimulatedLink = link.A, Address = IPAddress.Parse("10.5.0.1"), AnnounceOnStart = false },
        });
        QDesc qd = os.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        Sga data = os.SgaAlloc(1);
        os.Wait(os.PushTo(qd, data, new IPEndPoint(IPAddress.Parse("10.5.0.2"), 9)));
        os.SgaFree(data);

        QResult timedOut = os.Wait(os.Pop(qd), TimeSpan.FromSeconds(10));
        Assert.Equal(DemiError.ETIMEDOUT, timedOut.Error);
        CatnipLibOS catnip = (CatnipLibOS)os;
        Assert.Equal(3, catnip.Stack.Arp.Counters.RequestsSent);
        Assert.Equal(1, catnip.Stack.Arp.Counters.ResolutionFailures);
        Assert.Equal(3, link.Counters.Sent);
    }
}
