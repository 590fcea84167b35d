using System.Buffers.Binary;

namespace DemiGen;

/// <summary>
/// Finishes the transport checksum of a frame the kernel handed over with checksum offload still pending
/// (CHECKSUM_PARTIAL, e.g. from a veth peer: AF_PACKET marks it TP_STATUS_CSUMNOTREADY). Such a frame carries only
/// the folded pseudo-header sum in the TCP/UDP checksum field; summing the segment as it stands gives the real value.
/// </summary>
internal static class PartialChecksum
{
    /// <summary>Completes the checksum of an IPv4 UDP or TCP frame in place; other frames are left as they are.</summary>
    internal static void Complete(Span<byte> frame)
    {
        if (frame.Length < EthernetHeader.Length + Ipv4Header.MinimumLength
            || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != EtherType.Ipv4)
        {
            return;
        }

        Span<byte> packet = frame[EthernetHeader.Length..];
        int headerLength = (packet[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < Ipv4Header.MinimumLength || totalLength > packet.Length || totalLength < headerLength)
        {
            return;
        }

        Span<byte> segment = packet[headerLength..totalLength];
        int field = packet[9] switch
        {
            IpProtocol.Udp => 6,
            IpProtocol.Tcp => 16,
            _ => -1,
        };
        if (field < 0 || segment.Length < field + 2)
        {
            return;
        }

        ushort checksum = InternetChecksum.Compute(segment);
        if (checksum == 0 && packet[9] == IpProtocol.Udp)
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(segment[field..], checksum);
    }
}
