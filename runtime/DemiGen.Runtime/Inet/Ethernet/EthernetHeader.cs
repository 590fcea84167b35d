using System.Buffers.Binary;

namespace DemiGen;

/// <summary>An Ethernet II header: destination, source, EtherType (14 bytes; no VLAN tags, no FCS — devices strip it).</summary>
internal readonly record struct EthernetHeader(MacAddress Destination, MacAddress Source, ushort EtherType)
{
    internal const int Length = 14;

    /// <summary>The smallest frame on the wire without its FCS; shorter frames are padded on transmit.</summary>
    internal const int MinimumFrame = 60;

    internal static bool TryParse(ReadOnlySpan<byte> frame, out EthernetHeader header)
    {
        if (frame.Length < Length)
        {
            header = default;
            return false;
        }

        header = new EthernetHeader(MacAddress.Read(frame), MacAddress.Read(frame[6..]), BinaryPrimitives.ReadUInt16BigEndian(frame[12..]));
        return true;
    }

    internal void Write(Span<byte> frame)
    {
        Destination.Write(frame);
        Source.Write(frame[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], EtherType);
    }
}
