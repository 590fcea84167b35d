using System.Net;

namespace DemiGen.Catnip.Tests;

public class ArpTests
{
    private static readonly IPEndPoint PeerEcho = new(IPAddress.Parse(Frames.PeerAddress), 7);

    [Fact]
    public void CapturedRequestParses()
    {
        Assert.Equal(ArpParseResult.Ok, ArpPacket.TryParse(Frames.KernelArpRequest.AsSpan(14), out ArpPacket packet));
        Assert.Equal(ArpPacket.Request, packet.Operation);
        Assert.Equal(Frames.PeerMac, packet.SenderMac);
        Assert.Equal(PeerFrames.Peer, packet.SenderAddress);
        Assert.Equal(MacAddress.Zero, packet.TargetMac);
        Assert.Equal(PeerFrames.Stack, packet.TargetAddress);
    }

    [Fact]
    public void BuiltRequestMatchesTheCapturedBytes()
    {
        byte[] built = PeerFrames.Arp(ArpPacket.Request, Frames.PeerMac, PeerFrames.Peer, MacAddress.Zero, PeerFrames.Stack);
        Assert.Equal(Frames.KernelArpRequest, built);
    }

    [Fact]
    public void RequestForOurAddressIsAnsweredAndTheAskerLearned()
    {
        using StackHarness h = new(staticPeer: false);
        h.Inject(Frames.KernelArpRequest);

        byte[] reply = Assert.Single(h.TakeSent());
        Assert.Equal(Frames.PeerMac, PeerFrames.Ethernet(reply).Destination);
        ArpPacket packet = PeerFrames.ArpOf(reply);
        Assert.Equal(ArpPacket.Reply, packet.Operation);
        Assert.Equal(Frames.StackMac, packet.SenderMac);
        Assert.Equal(PeerFrames.Stack, packet.SenderAddress);
        Assert.Equal(PeerFrames.Peer, packet.TargetAddress);
        Assert.True(h.Stack.Arp.TryResolve(PeerFrames.Peer, out MacAddress learned));
        Assert.Equal(Frames.PeerMac, learned);
    }

    [Fact]
    public void RequestForAnotherHostIsIgnoredAndNothingLearned()
    {
        using StackHarness h = new(staticPeer: false);
        h.Inject(PeerFrames.Arp(ArpPacket.Request, Frames.PeerMac, PeerFrames.Peer, MacAddress.Zero, new Ipv4Address(0x0A090063)));
        Assert.Empty(h.TakeSent());
        Assert.False(h.Stack.Arp.TryResolve(PeerFrames.Peer, out _));
    }

    [Fact]
    public void SendToUnknownHostResolvesFirstThenSendsTheQueuedDatagram()
    {
        using StackHarness h = new(staticPeer: false);
        QDesc qd = h.UdpSocket(5000);
        Sga data = h.OS.SgaAlloc(3);
        data.CopyFrom("abc"u8);
        Assert.Equal(DemiError.None, h.Done(h.OS.PushTo(qd, data, PeerEcho)).Error);
        h.OS.SgaFree(data);

        ArpPacket request = PeerFrames.ArpOf(Assert.Single(h.TakeSent()));
        Assert.Equal(ArpPacket.Request, request.Operation);
        Assert.Equal(PeerFrames.Peer, request.TargetAddress);

        h.Inject(PeerFrames.Arp(ArpPacket.Reply, Frames.PeerMac, PeerFrames.Peer, Frames.StackMac, PeerFrames.Stack));
        byte[] datagram = Assert.Single(h.TakeSent());
        Assert.Equal(Frames.PeerMac, PeerFrames.Ethernet(datagram).Destination);
        Assert.Equal("abc"u8.ToArray(), PeerFrames.Ipv4Of(datagram).Payload[8..]);
        Assert.Equal(1, h.Stack.Arp.Counters.Resolved);
        Assert.Equal(0, h.Stack.Arp.PendingCount);
    }

    [Fact]
    public void UnansweredRequestIsRetriedThenTheQueuedPacketsAreDroppedAndCounted()
    {
        using StackHarness h = new(staticPeer: false);
        QDesc qd = h.UdpSocket(5000);
        Sga data = h.OS.SgaAlloc(3);
        h.Done(h.OS.PushTo(qd, data, PeerEcho));
        h.Done(h.OS.PushTo(qd, data, PeerEcho));
        h.OS.SgaFree(data);
        Assert.Single(h.TakeSent());

        h.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(h.TakeSent());
        h.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ArpPacket.Request, PeerFrames.ArpOf(Assert.Single(h.TakeSent())).Operation);
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(h.TakeSent());
        Assert.Equal(3, h.Stack.Arp.Counters.RequestsSent);

        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(h.TakeSent());
        Assert.Equal(1, h.Stack.Arp.Counters.ResolutionFailures);
        Assert.Equal(2, h.Stack.Arp.Counters.PacketsDroppedUnresolved);
        Assert.Equal(long.MaxValue, h.Stack.Arp.NextDeadlineNanoseconds);
    }

    [Fact]
    public void ReplyToARetryStillDeliversTheQueuedPacket()
    {
        using StackHarness h = new(staticPeer: false);
        QDesc qd = h.UdpSocket(5000);
        Sga data = h.OS.SgaAlloc(1);
        h.Done(h.OS.PushTo(qd, data, PeerEcho));
        h.OS.SgaFree(data);
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, h.TakeSent().Count);

        h.Inject(PeerFrames.Arp(ArpPacket.Reply, Frames.PeerMac, PeerFrames.Peer, Frames.StackMac, PeerFrames.Stack));
        Assert.Equal(IpProtocol.Udp, PeerFrames.Ipv4Of(Assert.Single(h.TakeSent())).Header.Protocol);
    }

    [Fact]
    public void LearnedEntryExpiresAndIsResolvedAgain()
    {
        using StackHarness h = new(staticPeer: false, configure: o => new CatnipOptions
        {
            Device = o.Device, SimulatedLink = o.SimulatedLink, Mac = o.Mac, Address = o.Address, AnnounceOnStart = false,
            ArpEntryLifetime = TimeSpan.FromSeconds(30),
        });
        h.Inject(Frames.KernelArpRequest);
        h.TakeSent();
        Assert.True(h.Stack.Arp.TryResolve(PeerFrames.Peer, out _));
        h.Advance(TimeSpan.FromSeconds(30));
        Assert.False(h.Stack.Arp.TryResolve(PeerFrames.Peer, out _));

        QDesc qd = h.UdpSocket(5000);
        Sga data = h.OS.SgaAlloc(1);
        h.Done(h.OS.PushTo(qd, data, PeerEcho));
        h.OS.SgaFree(data);
        Assert.Equal(ArpPacket.Request, PeerFrames.ArpOf(Assert.Single(h.TakeSent())).Operation);
    }

    [Fact]
    public void StaticEntryNeedsNoRequestAndIsNotOverwritten()
    {
        using StackHarness h = new(staticPeer: true);
        MacAddress impostor = MacAddress.Parse("02:00:00:00:00:66");
        h.Inject(PeerFrames.Arp(ArpPacket.Request, impostor, PeerFrames.Peer, MacAddress.Zero, PeerFrames.Stack));
        h.TakeSent();

        QDesc qd = h.UdpSocket(5000);
        Sga data = h.OS.SgaAlloc(1);
        h.Done(h.OS.PushTo(qd, data, PeerEcho));
        h.OS.SgaFree(data);
        byte[] frame = Assert.Single(h.TakeSent());
        Assert.Equal(EtherType.Ipv4, PeerFrames.Ethernet(frame).EtherType);
        Assert.Equal(Frames.PeerMac, PeerFrames.Ethernet(frame).Destination);
        Assert.Equal(0, h.Stack.Arp.Counters.RequestsSent);
    }

    [Fact]
    public void StackAnnouncesItselfWithAGratuitousArpAtStart()
    {
        using StackHarness h = new(configure: o => new CatnipOptions
        {
            Device = o.Device, SimulatedLink = o.SimulatedLink, Mac = o.Mac, Address = o.Address, AnnounceOnStart = true,
        });
        byte[] frame = Assert.Single(h.TakeSent());
        Assert.True(PeerFrames.Ethernet(frame).Destination.IsBroadcast);
        ArpPacket announcement = PeerFrames.ArpOf(frame);
        Assert.True(announcement.IsGratuitous);
        Assert.Equal(PeerFrames.Stack, announcement.SenderAddress);
        Assert.Equal(Frames.StackMac, announcement.SenderMac);
    }

    [Fact]
    public void GratuitousArpFromANeighbourUpdatesItsExistingEntry()
    {
        using StackHarness h = new(staticPeer: false);
        h.Inject(Frames.KernelArpRequest);
        h.TakeSent();
        MacAddress moved = MacAddress.Parse("02:00:00:00:00:22");
        h.Inject(PeerFrames.Arp(ArpPacket.Request, moved, PeerFrames.Peer, MacAddress.Zero, PeerFrames.Peer));
        Assert.Empty(h.TakeSent());
        Assert.True(h.Stack.Arp.TryResolve(PeerFrames.Peer, out MacAddress now));
        Assert.Equal(moved, now);
    }

    [Fact]
    public void SomeoneElseClaimingOurAddressIsCountedAsAConflict()
    {
        using StackHarness h = new();
        h.Inject(PeerFrames.Arp(ArpPacket.Request, Frames.PeerMac, PeerFrames.Stack, MacAddress.Zero, PeerFrames.Stack));
        Assert.Equal(1, h.Stack.Arp.Counters.AddressConflicts);
    }
}
