using System.Buffers.Binary;

namespace DemiGen;

/// <summary>A UDP header (RFC 768): ports, length (header included) and checksum (0 = none sent).</summary>
internal readonly record struct UdpHeader(ushort SourcePort, ushort DestinationPort, int Length, ushort Checksum)
{
    internal const int Size = 8;

    internal static UdpParseResult TryParse(ReadOnlySpan<byte> datagram, out UdpHeader header)
    {
        header = default;
        if (datagram.Length < Size)
        {
            return UdpParseResult.Truncated;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(datagram[4..]);
        if (length < Size)
        {
            return UdpParseResult.BadLength;
        }

        if (length > datagram.Length)
        {
            return UdpParseResult.Truncated;
        }

        header = new UdpHeader(
            BinaryPrimitives.ReadUInt16BigEndian(datagram),
            BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            length,
            BinaryPrimitives.ReadUInt16BigEndian(datagram[6..]));
        return UdpParseResult.Ok;
    }

    /// <summary>Whether the checksum over <paramref name="datagram"/> (exactly <see cref="Length"/> bytes) and the pseudo-header holds.</summary>
    internal bool ChecksumHolds(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> datagram) =>
        Checksum == 0 || InternetChecksum.Compute(datagram, InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, Length)) == 0;

    /// <summary>Writes the header with a zero checksum; <see cref="WriteChecksum"/> fills it in once the data is in place.</summary>
    internal void Write(Span<byte> datagram)
    {
        BinaryPrimitives.WriteUInt16BigEndian(datagram, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[2..], DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[4..], (ushort)Length);
        BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], 0);
    }

    /// <summary>Computes the checksum of a complete datagram in place (a computed 0 is sent as 0xFFFF, RFC 768).</summary>
    internal static void WriteChecksum(Span<byte> datagram, Ipv4Address source, Ipv4Address destination)
    {
        ushort checksum = InternetChecksum.Compute(datagram, InternetChecksum.PseudoHeader(source, destination, IpProtocol.Udp, datagram.Length));
        BinaryPrimitives.WriteUInt16BigEndian(datagram[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
    }
}

/// <summary>Why a UDP header was rejected.</summary>
internal enum UdpParseResult
{
    Ok,
    Truncated,
    BadLength,
}
