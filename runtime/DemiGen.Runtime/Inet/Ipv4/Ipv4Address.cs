using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DemiGen;

/// <summary>An IPv4 address as a 32-bit number (the first octet in the high byte): no allocation, cheap compare and mask.</summary>
internal readonly record struct Ipv4Address(uint Value)
{
    internal static Ipv4Address Any => default;

    internal static Ipv4Address Broadcast => new(0xFFFF_FFFF);

    internal bool IsAny => Value == 0;

    internal bool IsBroadcast => Value == 0xFFFF_FFFF;

    /// <summary>224.0.0.0/4.</summary>
    internal bool IsMulticast => (Value & 0xF000_0000) == 0xE000_0000;

    internal static Ipv4Address Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt32BigEndian(bytes));

    internal void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <exception cref="DemiException">The address is not IPv4 (an IPv4-mapped IPv6 address is accepted).</exception>
    internal static Ipv4Address From(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new DemiException(DemiError.EAFNOSUPPORT, $"{address} is not an IPv4 address; the Catnip stack speaks IPv4 only.");
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return Read(bytes);
    }

    internal IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[4];
        Write(bytes);
        return new IPAddress(bytes);
    }

    public override string ToString() => $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}";
}
