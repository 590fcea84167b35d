using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnip.Tests;

public class UdpSocketTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse(Frames.PeerAddress), 40000);

    [Fact]
    public void CapturedDatagramPopsWithItsSender()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        QToken pop = h.OS.Pop(qd);
        Assert.Null(h.Poll(pop));

        h.Inject(Frames.KernelUdp);
        QResult result = h.Done(pop);
        Assert.Equal(DemiOpcode.Pop, result.Opcode);
        Assert.Equal("hello catnip"u8.ToArray(), result.Sga.ToArray());
        Assert.Equal(Peer, result.Remote);
        h.OS.SgaFree(result.Sga);
    }

    [Fact]
    public void DatagramsArrivingBeforeThePopAreQueuedInOrder()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        h.Inject(PeerFrames.Udp(40000, 7, "one"u8));
        h.Inject(PeerFrames.Udp(40000, 7, "two"u8));
        foreach (string expected in new[] { "one", "two" })
        {
            QResult r = h.Done(h.OS.Pop(qd));
            Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(r.Sga.ToArray()));
            h.OS.SgaFree(r.Sga);
        }
    }

    [Fact]
    public void PushToBuildsADatagramTheKernelWouldAccept()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        Sga data = h.OS.SgaAlloc(5);
        data.CopyFrom("hello"u8);
        QResult pushed = h.Done(h.OS.PushTo(qd, data, Peer));
        Assert.Equal(DemiError.None, pushed.Error);
        h.OS.SgaFree(data);

        (Ipv4Header ip, byte[] datagram) = PeerFrames.Ipv4Of(Assert.Single(h.TakeSent()));
        Assert.Equal(64, ip.TimeToLive);
        Assert.True(ip.DontFragment);
        Assert.Equal(UdpParseResult.Ok, UdpHeader.TryParse(datagram, out UdpHeader header));
        Assert.Equal(7, header.SourcePort);
        Assert.Equal(40000, header.DestinationPort);
        Assert.NotEqual(0, header.Checksum);
        Assert.True(header.ChecksumHolds(ip.Source, ip.Destination, datagram));
        Assert.Equal("hello"u8.ToArray(), datagram[8..]);
    }

    [Fact]
    public void UnboundSenderGetsAnEphemeralPort()
    {
        using StackHarness h = new();
        QDesc qd = h.OS.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        Assert.Equal(0, h.OS.LocalEndPoint(qd).Port);
        Sga data = h.OS.SgaAlloc(1);
        h.Done(h.OS.PushTo(qd, data, Peer));
        h.OS.SgaFree(data);
        int port = h.OS.LocalEndPoint(qd).Port;
        Assert.InRange(port, UdpLayer.FirstEphemeralPort, UdpLayer.LastEphemeralPort);
        UdpHeader.TryParse(PeerFrames.Ipv4Of(Assert.Single(h.TakeSent())).Payload, out UdpHeader header);
        Assert.Equal(port, header.SourcePort);
    }

    [Fact]
    public void BindToZeroPicksDistinctFreePorts()
    {
        using StackHarness h = new();
        QDesc a = h.UdpSocket(0);
        QDesc b = h.UdpSocket(0);
        Assert.NotEqual(h.OS.LocalEndPoint(a).Port, h.OS.LocalEndPoint(b).Port);
    }

    [Fact]
    public void BindingATakenPortIsEaddrinuse()
    {
        using StackHarness h = new();
        h.UdpSocket(7);
        DemiException error = Assert.Throws<DemiException>(() => h.UdpSocket(7));
        Assert.Equal(DemiError.EADDRINUSE, error.Error);
    }

    [Fact]
    public void BindingAnotherHostsAddressIsEaddrnotavail()
    {
        using StackHarness h = new();
        QDesc qd = h.OS.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        DemiException error = Assert.Throws<DemiException>(() => h.OS.Bind(qd, new IPEndPoint(IPAddress.Parse("10.9.0.77"), 7)));
        Assert.Equal(DemiError.EADDRNOTAVAIL, error.Error);
    }

    [Fact]
    public void ClosedSocketsPortCanBeBoundAgain()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        h.Done(h.OS.Close(qd));
        h.UdpSocket(7);
    }

    [Fact]
    public void DatagramLargerThanOneFrameFailsWithEmsgsize()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        Sga data = h.OS.SgaAlloc(1500 - 20 - 8 + 1);
        Assert.Equal(DemiError.EMSGSIZE, h.Done(h.OS.PushTo(qd, data, Peer)).Error);
        Sga fits = h.OS.SgaAlloc(1500 - 20 - 8);
        Assert.Equal(DemiError.None, h.Done(h.OS.PushTo(qd, fits, Peer)).Error);
        h.OS.SgaFree(data);
        h.OS.SgaFree(fits);
        Assert.Equal(1514, Assert.Single(h.TakeSent()).Length);
    }

    [Fact]
    public void OffSubnetDestinationWithoutGatewayIsEnetunreach()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        Sga data = h.OS.SgaAlloc(1);
        Assert.Equal(DemiError.ENETUNREACH, h.Done(h.OS.PushTo(qd, data, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 53))).Error);
        h.OS.SgaFree(data);
        Assert.Empty(h.TakeSent());
    }

    [Fact]
    public void OffSubnetDestinationGoesToTheGatewaysMac()
    {
        using StackHarness h = new(configure: o => new CatnipOptions
        {
            Device = o.Device, SimulatedLink = o.SimulatedLink, Mac = o.Mac, Address = o.Address, AnnounceOnStart = false,
            Gateway = IPAddress.Parse(Frames.PeerAddress), StaticArpEntries = o.StaticArpEntries,
        });
        QDesc qd = h.UdpSocket(7);
        Sga data = h.OS.SgaAlloc(1);
        h.Done(h.OS.PushTo(qd, data, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 53)));
        h.OS.SgaFree(data);
        byte[] frame = Assert.Single(h.TakeSent());
        Assert.Equal(Frames.PeerMac, PeerFrames.Ethernet(frame).Destination);
        Assert.Equal("192.0.2.1", PeerFrames.Ipv4Of(frame).Header.Destination.ToString());
    }

    [Fact]
    public void ConnectedSocketPushesToItsPeerAndHearsOnlyFromIt()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        Assert.Equal(DemiOpcode.Connect, h.Done(h.OS.Connect(qd, Peer)).Opcode);
        Sga data = h.OS.SgaAlloc(2);
        Assert.Equal(DemiError.None, h.Done(h.OS.Push(qd, data)).Error);
        h.OS.SgaFree(data);
        Assert.Single(h.TakeSent());

        h.Inject(PeerFrames.Udp(40001, 7, "stranger"u8));
        h.Inject(Frames.KernelUdp);
        QResult r = h.Done(h.OS.Pop(qd));
        Assert.Equal("hello catnip"u8.ToArray(), r.Sga.ToArray());
        h.OS.SgaFree(r.Sga);
        Assert.Equal(1, h.OS.Udp.Counters.DroppedNotConnectedPeer);
    }

    [Fact]
    public void PushOnAnUnconnectedSocketIsEnotconn()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        Sga data = h.OS.SgaAlloc(2);
        Assert.Equal(DemiError.ENOTCONN, h.Done(h.OS.Push(qd, data)).Error);
        h.OS.SgaFree(data);
    }

    [Fact]
    public void CloseCancelsAPendingPop()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        QToken pop = h.OS.Pop(qd);
        h.Done(h.OS.Close(qd));
        Assert.Equal(DemiError.ECANCELED, h.Done(pop).Error);
    }

    [Fact]
    public void FullReceiveQueueDropsAndCounts()
    {
        using StackHarness h = new(configure: o => new CatnipOptions
        {
            Device = o.Device, SimulatedLink = o.SimulatedLink, Mac = o.Mac, Address = o.Address, AnnounceOnStart = false, UdpReceiveQueueLimit = 2,
        });
        h.UdpSocket(7);
        for (int i = 0; i < 3; i++)
        {
            h.Inject(Frames.KernelUdp);
        }

        Assert.Equal(2, h.OS.Udp.Counters.Delivered);
        Assert.Equal(1, h.OS.Udp.Counters.DroppedQueueFull);
        Assert.Equal(2, h.OS.Stats.LiveSgas);
    }

    [Fact]
    public void StreamSocketIsATcpSocket()
    {
        using StackHarness h = new();
        QDesc qd = h.OS.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        h.OS.Bind(qd, new IPEndPoint(IPAddress.Any, 80));
        h.OS.Listen(qd, 4);
        Assert.Equal(80, h.OS.LocalEndPoint(qd).Port);
    }

    [Fact]
    public void Ipv6SocketIsNotSupported()
    {
        using StackHarness h = new();
        Assert.Equal(DemiError.EAFNOSUPPORT, Assert.Throws<DemiException>(() => h.OS.Socket(AddressFamily.InterNetworkV6, SocketType.Dgram)).Error);
    }

    [Fact]
    public void ZeroLengthDatagramPopsAsAnEmptySga()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        h.Inject(PeerFrames.Udp(40000, 7, ReadOnlySpan<byte>.Empty));
        QResult r = h.Done(h.OS.Pop(qd));
        Assert.True(r.Sga.IsEmpty);
        h.OS.SgaFree(r.Sga);
    }

    [Fact]
    public void DatagramToTheSubnetBroadcastGoesToEveryStationWithoutArp()
    {
        using StackHarness h = new(staticPeer: false);
        QDesc qd = h.UdpSocket(7);
        Sga data = h.OS.SgaAlloc(1);
        Assert.Equal(DemiError.None, h.Done(h.OS.PushTo(qd, data, new IPEndPoint(IPAddress.Parse("10.9.0.255"), 7))).Error);
        h.OS.SgaFree(data);
        byte[] frame = Assert.Single(h.TakeSent());
        Assert.True(PeerFrames.Ethernet(frame).Destination.IsBroadcast);
        Assert.Equal(0, h.Stack.Arp.Counters.RequestsSent);
    }

    [Fact]
    public void DatagramToTheLimitedBroadcastIsDelivered()
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        h.Inject(PeerFrames.Udp(40000, 7, "all"u8, Ipv4Address.Broadcast));
        QResult r = h.Done(h.OS.Pop(qd));
        Assert.Equal("all"u8.ToArray(), r.Sga.ToArray());
        h.OS.SgaFree(r.Sga);
    }
}
