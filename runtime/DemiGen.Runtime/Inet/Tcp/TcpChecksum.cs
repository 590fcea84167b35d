using System.Buffers.Binary;

namespace DemiGen.Inet.Tcp;

/// <summary>The TCP checksum over the IPv4 pseudo-header and the segment (RFC 9293 §3.1, RFC 1071).</summary>
internal static class TcpChecksum
{
    private const byte ProtocolTcp = 6;

    /// <summary>Offset of the checksum field in the TCP header.</summary>
    public const int FieldOffset = 16;

    /// <summary>The checksum of <paramref name="segment"/> (whose checksum field is taken as it is).</summary>
    public static ushort Compute(uint source, uint destination, ReadOnlySpan<byte> segment)
    {
        ulong sum = (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF)
            + ProtocolTcp + (uint)segment.Length;
        int i = 0;
        for (; i + 4 <= segment.Length; i += 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(segment[i..]);
        }

        for (; i + 2 <= segment.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(segment[i..]);
        }

        if (i < segment.Length)
        {
            sum += (uint)segment[i] << 8;
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>Fills in the checksum field of a segment whose checksum field is zero.</summary>
    public static void Fill(uint source, uint destination, Span<byte> segment)
    {
        segment[FieldOffset] = 0;
        segment[FieldOffset + 1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(segment[FieldOffset..], Compute(source, destination, segment));
    }

    /// <summary>Whether a received segment's checksum is right (the sum over everything, checksum included, is zero).</summary>
    public static bool IsValid(uint source, uint destination, ReadOnlySpan<byte> segment) =>
        Compute(source, destination, segment) == 0;
}
