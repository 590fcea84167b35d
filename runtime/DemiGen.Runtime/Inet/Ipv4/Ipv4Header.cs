using System.Buffers.Binary;

namespace DemiGen;

/// <summary>The fields of an IPv4 header (RFC 791) the stack uses. Options are skipped on receive and never sent.</summary>
internal readonly record struct Ipv4Header(
    int HeaderLength,
    int TotalLength,
    ushort Identification,
    bool MoreFragments,
    bool DontFragment,
    int FragmentOffset,
    byte TimeToLive,
    byte Protocol,
    Ipv4Address Source,
    Ipv4Address Destination)
{
    internal const int MinimumLength = 20;

    internal bool IsFragment => MoreFragments || FragmentOffset != 0;

    /// <summary>Parses and validates a header: version 4, a sane header and total length within the bytes, a correct checksum.</summary>
    internal static Ipv4ParseResult TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header)
    {
        header = default;
        if (packet.Length < MinimumLength)
        {
            return Ipv4ParseResult.Truncated;
        }

        if (packet[0] >> 4 != 4)
        {
            return Ipv4ParseResult.BadVersion;
        }

        int headerLength = (packet[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < MinimumLength || headerLength > totalLength)
        {
            return Ipv4ParseResult.BadLength;
        }

        if (headerLength > packet.Length || totalLength > packet.Length)
        {
            return Ipv4ParseResult.Truncated;
        }

        if (InternetChecksum.Compute(packet[..headerLength]) != 0)
        {
            return Ipv4ParseResult.BadChecksum;
        }

        ushort flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        header = new Ipv4Header(
            headerLength,
            totalLength,
            BinaryPrimitives.ReadUInt16BigEndian(packet[4..]),
            MoreFragments: (flagsAndOffset & 0x2000) != 0,
            DontFragment: (flagsAndOffset & 0x4000) != 0,
            FragmentOffset: (flagsAndOffset & 0x1FFF) * 8,
            packet[8],
            packet[9],
            Ipv4Address.Read(packet[12..]),
            Ipv4Address.Read(packet[16..]));
        return Ipv4ParseResult.Ok;
    }

    /// <summary>Writes a 20-byte header with its checksum (the DSCP/ECN byte is 0).</summary>
    internal void Write(Span<byte> packet)
    {
        packet[0] = 0x45;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)TotalLength);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], Identification);
        ushort flags = (ushort)((DontFragment ? 0x4000 : 0) | (MoreFragments ? 0x2000 : 0) | (FragmentOffset / 8));
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], flags);
        packet[8] = TimeToLive;
        packet[9] = Protocol;
        packet[10] = 0;
        packet[11] = 0;
        Source.Write(packet[12..]);
        Destination.Write(packet[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(packet[10..], InternetChecksum.Compute(packet[..MinimumLength]));
    }
}

/// <summary>Why an IPv4 header was rejected.</summary>
internal enum Ipv4ParseResult
{
    Ok,
    Truncated,
    BadVersion,
    BadLength,
    BadChecksum,
}
