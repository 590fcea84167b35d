using System.Buffers.Binary;

namespace DemiGen.Catnip.Tests;

/// <summary>Builds the frames a test sends as the peer (10.9.0.2) and reads the ones the stack sent.</summary>
internal static class PeerFrames
{
    internal static readonly Ipv4Address Stack = new(0x0A090001);
    internal static readonly Ipv4Address Peer = new(0x0A090002);

    internal static byte[] Arp(ushort operation, MacAddress senderMac, Ipv4Address sender, MacAddress targetMac, Ipv4Address target, MacAddress? frameDestination = null)
    {
        byte[] frame = new byte[14 + ArpPacket.Length];
        new EthernetHeader(frameDestination ?? (operation == ArpPacket.Request ? MacAddress.Broadcast : targetMac), senderMac, EtherType.Arp).Write(frame);
        new ArpPacket(operation, senderMac, sender, targetMac, target).Write(frame.AsSpan(14));
        return frame;
    }

    internal static byte[] Udp(ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> data, Ipv4Address? destination = null)
    {
        Ipv4Address to = destination ?? Stack;
        byte[] frame = new byte[14 + 20 + 8 + data.Length];
        new EthernetHeader(Frames.StackMac, Frames.PeerMac, EtherType.Ipv4).Write(frame);
        Span<byte> udp = frame.AsSpan(34);
        new UdpHeader(sourcePort, destinationPort, udp.Length, 0).Write(udp);
        data.CopyTo(udp[8..]);
        UdpHeader.WriteChecksum(udp, Peer, to);
        new Ipv4Header(20, 20 + udp.Length, 1, false, true, 0, 64, IpProtocol.Udp, Peer, to).Write(frame.AsSpan(14));
        return frame;
    }

    /// <summary>Rewrites the IPv4 header checksum after a test changed a header field on purpose.</summary>
    internal static byte[] FixIpChecksum(byte[] frame)
    {
        Span<byte> header = frame.AsSpan(14, (frame[14] & 0x0F) * 4);
        header[10] = 0;
        header[11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
        return frame;
    }

    internal static EthernetHeader Ethernet(byte[] frame)
    {
        Assert.True(EthernetHeader.TryParse(frame, out EthernetHeader header));
        return header;
    }

    internal static ArpPacket ArpOf(byte[] frame)
    {
        Assert.Equal(EtherType.Arp, Ethernet(frame).EtherType);
        Assert.Equal(ArpParseResult.Ok, ArpPacket.TryParse(frame.AsSpan(14), out ArpPacket packet));
        return packet;
    }

    internal static (Ipv4Header Header, byte[] Payload) Ipv4Of(byte[] frame)
    {
        Assert.Equal(EtherType.Ipv4, Ethernet(frame).EtherType);
        Assert.Equal(Ipv4ParseResult.Ok, Ipv4Header.TryParse(frame.AsSpan(14), out Ipv4Header header));
        return (header, frame.AsSpan(14 + header.HeaderLength, header.TotalLength - header.HeaderLength).ToArray());
    }
}
