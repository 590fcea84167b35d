using System.Buffers.Binary;

namespace DemiGen;

/// <summary>
/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. Sum pieces
/// with <see cref="Accumulate"/> (every piece but the last must have even length), then <see cref="Finish"/>.
/// </summary>
internal static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> as big-endian 16-bit words; an odd last byte is padded with a zero byte.</summary>
    internal static ulong Accumulate(ReadOnlySpan<byte> data, ulong sum = 0)
    {
        while (data.Length >= 4)
        {
            sum += BinaryPrimitives.ReadUInt32BigEndian(data);
            data = data[4..];
        }

        if (data.Length >= 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data);
            data = data[2..];
        }

        if (data.Length == 1)
        {
            sum += (ulong)data[0] << 8;
        }

        return sum;
    }

    /// <summary>The sum of the IPv4 pseudo-header (RFC 768, RFC 9293 §3.1) that UDP and TCP checksums cover.</summary>
    internal static ulong PseudoHeader(Ipv4Address source, Ipv4Address destination, byte protocol, int length) =>
        (ulong)source.Value + destination.Value + protocol + (uint)length;

    /// <summary>Folds the carries and complements: the value to store in a checksum field.</summary>
    internal static ushort Finish(ulong sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    /// <summary>The checksum of <paramref name="data"/> on top of <paramref name="initial"/>; over data that includes a correct checksum it is 0.</summary>
    internal static ushort Compute(ReadOnlySpan<byte> data, ulong initial = 0) => Finish(Accumulate(data, initial));
}
