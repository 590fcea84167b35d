using System.Buffers.Binary;

namespace DemiGen.Catnip.Tests;

public class IcmpTests
{
    [Fact]
    public void CapturedEchoRequestGetsAnEchoReplyWithTheSameIdentifierSequenceAndData()
    {
        using StackHarness h = new();
        h.Inject(Frames.KernelEchoRequest);

        byte[] frame = Assert.Single(h.TakeSent());
        Assert.Equal(Frames.PeerMac, PeerFrames.Ethernet(frame).Destination);
        (Ipv4Header ip, byte[] icmp) = PeerFrames.Ipv4Of(frame);
        Assert.Equal(IpProtocol.Icmp, ip.Protocol);
        Assert.Equal(PeerFrames.Stack, ip.Source);
        Assert.Equal(PeerFrames.Peer, ip.Destination);
        Assert.Equal(IcmpLayer.EchoReply, icmp[0]);
        Assert.Equal(0, icmp[1]);
        Assert.Equal(0, InternetChecksum.Compute(icmp));
        byte[] request = Frames.KernelEchoRequest[Frames.TransportOffset..];
        Assert.Equal(request[4..], icmp[4..]);
        Assert.Equal(1, h.Stack.Icmp.Counters.EchoRepliesSent);
    }

    [Fact]
    public void EchoReplyChecksumMatchesTheRequestChecksumPlusTheTypeChange()
    {
        // Changing type 8 to 0 lowers the sum by 0x0800, so the complemented checksum rises by 0x0800 (RFC 1624 reasoning).
        using StackHarness h = new();
        h.Inject(Frames.KernelEchoRequest);
        byte[] icmp = PeerFrames.Ipv4Of(Assert.Single(h.TakeSent())).Payload;
        ushort requestChecksum = BinaryPrimitives.ReadUInt16BigEndian(Frames.KernelEchoRequest.AsSpan(Frames.TransportOffset + 2));
        Assert.Equal((ushort)(requestChecksum + 0x0800), BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(2)));
    }

    [Fact]
    public void EchoRequestToTheBroadcastAddressIsIgnored()
    {
        using StackHarness h = new();
        byte[] frame = Frames.KernelEchoRequest;
        MacAddress.Broadcast.Write(frame);
        new Ipv4Address(0x0A0900FF).Write(frame.AsSpan(Frames.IpOffset + 16));
        h.Inject(PeerFrames.FixIpChecksum(frame));
        Assert.Empty(h.TakeSent());
        Assert.Equal(1, h.Stack.Icmp.Counters.Ignored);
    }

    [Fact]
    public void EchoReplyFromThePeerIsCountedAndNotAnswered()
    {
        using StackHarness h = new();
        byte[] frame = Frames.KernelEchoRequest;
        frame[Frames.TransportOffset] = IcmpLayer.EchoReply;
        frame[Frames.TransportOffset + 2] += 0x08;
        h.Inject(frame);
        Assert.Empty(h.TakeSent());
        Assert.Equal(1, h.Stack.Icmp.Counters.Ignored);
        Assert.Equal(0, h.Stack.Icmp.Counters.Dropped);
    }
}
