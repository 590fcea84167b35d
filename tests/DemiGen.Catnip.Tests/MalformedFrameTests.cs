using System.Buffers.Binary;

namespace DemiGen.Catnip.Tests;

/// <summary>Every kind of bad frame is dropped and counted at its layer, and the stack keeps serving afterwards.</summary>
public class MalformedFrameTests
{
    public static TheoryData<string> Cases => new()
    {
        "ethernet-truncated", "ethernet-not-for-us", "ethernet-own-source", "ethernet-unknown-type",
        "arp-truncated", "arp-not-ethernet", "arp-bad-operation",
        "ipv4-truncated", "ipv4-bad-version", "ipv4-bad-header-length", "ipv4-total-length-beyond-frame", "ipv4-bad-checksum",
        "ipv4-fragment-first", "ipv4-fragment-later", "ipv4-not-for-us", "ipv4-broadcast-source", "ipv4-unknown-protocol",
        "icmp-truncated", "icmp-bad-checksum",
        "udp-truncated", "udp-length-below-header", "udp-length-beyond-packet", "udp-bad-checksum", "udp-no-socket",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadFrameIsDroppedCountedAndTheStackKeepsServing(string kind)
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        (byte[] frame, Func<CatnipLibOS, long> counter) = Make(kind);
        Assert.Equal(0, counter(h.OS));

        h.Inject(frame);

        Assert.Equal(1, counter(h.OS));
        Assert.Empty(h.TakeSent());
        Assert.Equal(0, h.OS.Udp.Counters.Delivered);

        h.Inject(Frames.KernelUdp);
        QResult popped = h.Done(h.OS.Pop(qd));
        Assert.Equal("hello catnip"u8.ToArray(), popped.Sga.ToArray());
        h.OS.SgaFree(popped.Sga);
    }

    private static (byte[] Frame, Func<CatnipLibOS, long> Counter) Make(string kind)
    {
        byte[] udp = Frames.KernelUdp;
        byte[] echo = Frames.KernelEchoRequest;
        byte[] arp = Frames.KernelArpRequest;
        const int ip = Frames.IpOffset;
        const int l4 = Frames.TransportOffset;
        switch (kind)
        {
            case "ethernet-truncated":
                return (udp[..13], s => s.Stack.Ethernet.Counters.DroppedTruncated);
            case "ethernet-not-for-us":
                MacAddress.Parse("02:00:00:00:00:99").Write(udp);
                return (udp, s => s.Stack.Ethernet.Counters.DroppedNotForUs);
            case "ethernet-own-source":
                Frames.StackMac.Write(udp.AsSpan(6));
                return (udp, s => s.Stack.Ethernet.Counters.DroppedOwnFrame);
            case "ethernet-unknown-type":
                BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(12), 0x86DD);
                return (udp, s => s.Stack.Ethernet.Counters.DroppedUnknownEtherType);
            case "arp-truncated":
                return (arp[..(14 + 27)], s => s.Stack.Arp.Counters.DroppedTruncated);
            case "arp-not-ethernet":
                arp[15] = 6;
                return (arp, s => s.Stack.Arp.Counters.DroppedUnsupported);
            case "arp-bad-operation":
                arp[21] = 9;
                return (arp, s => s.Stack.Arp.Counters.DroppedUnsupported);
            case "ipv4-truncated":
                return (udp[..(ip + 19)], s => s.Stack.Ipv4.Counters.DroppedTruncated);
            case "ipv4-bad-version":
                udp[ip] = 0x65;
                return (PeerFrames.FixIpChecksum(udp), s => s.Stack.Ipv4.Counters.DroppedBadVersion);
            case "ipv4-bad-header-length":
                udp[ip] = 0x43;
                return (udp, s => s.Stack.Ipv4.Counters.DroppedBadLength);
            case "ipv4-total-length-beyond-frame":
                BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(ip + 2), 1400);
                return (PeerFrames.FixIpChecksum(udp), s => s.Stack.Ipv4.Counters.DroppedTruncated);
            case "ipv4-bad-checksum":
                udp[ip + 10] ^= 0x40;
                return (udp, s => s.Stack.Ipv4.Counters.DroppedBadChecksum);
            case "ipv4-fragment-first":
                BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(ip + 6), 0x2000);
                return (PeerFrames.FixIpChecksum(udp), s => s.Stack.Ipv4.Counters.DroppedFragment);
            case "ipv4-fragment-later":
                BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(ip + 6), 0x00B9);
                return (PeerFrames.FixIpChecksum(udp), s => s.Stack.Ipv4.Counters.DroppedFragment);
            case "ipv4-not-for-us":
                new Ipv4Address(0x0A090063).Write(udp.AsSpan(ip + 16));
                return (PeerFrames.FixIpChecksum(udp), s => s.Stack.Ipv4.Counters.DroppedNotForUs);
            case "ipv4-broadcast-source":
                Ipv4Address.Broadcast.Write(udp.AsSpan(ip + 12));
                return (PeerFrames.FixIpChecksum(udp), s => s.Stack.Ipv4.Counters.DroppedBadSource);
            case "ipv4-unknown-protocol":
                udp[ip + 9] = 132;
                return (PeerFrames.FixIpChecksum(udp), s => s.Stack.Ipv4.Counters.DroppedUnknownProtocol);
            case "icmp-truncated":
                BinaryPrimitives.WriteUInt16BigEndian(echo.AsSpan(ip + 2), 20 + 7);
                return (PeerFrames.FixIpChecksum(echo)[..(l4 + 7)], s => s.Stack.Icmp.Counters.DroppedTruncated);
            case "icmp-bad-checksum":
                echo[^1] ^= 0x10;
                return (echo, s => s.Stack.Icmp.Counters.DroppedBadChecksum);
            case "udp-truncated":
                BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(ip + 2), 20 + 7);
                return (PeerFrames.FixIpChecksum(udp)[..(l4 + 7)], s => s.Udp.Counters.DroppedTruncated);
            case "udp-length-below-header":
                BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(l4 + 4), 7);
                return (udp, s => s.Udp.Counters.DroppedBadLength);
            case "udp-length-beyond-packet":
                BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(l4 + 4), 200);
                return (udp, s => s.Udp.Counters.DroppedTruncated);
            case "udp-bad-checksum":
                udp[^1] ^= 0x01;
                return (udp, s => s.Udp.Counters.DroppedBadChecksum);
            case "udp-no-socket":
                return (PeerFrames.Udp(40000, 9999, "x"u8), s => s.Udp.Counters.DroppedNoSocket);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown case");
        }
    }
}
