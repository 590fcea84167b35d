using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace DemiGen.Interop;

/// <summary>Converts between <see cref="IPEndPoint"/> and struct sockaddr_in / sockaddr_in6 without allocating on the way out.</summary>
internal static unsafe class NativeSocketAddress
{
    /// <summary>Room for either sockaddr (sockaddr_in6 is the larger, 28 bytes).</summary>
    internal const int MaxLength = 28;

    /// <summary>
    /// Writes <paramref name="endpoint"/> for a socket of <paramref name="family"/>: an IPv4 endpoint on an IPv6
    /// socket becomes IPv4-mapped; an IPv4-mapped one on an IPv4 socket is unmapped. Returns the length, or -1 when
    /// the families cannot meet.
    /// </summary>
    internal static int Write(IPEndPoint endpoint, AddressFamily family, byte* destination)
    {
        IPAddress address = endpoint.Address;
        Span<byte> bytes = new(destination, MaxLength);
        bytes.Clear();
        if (family == AddressFamily.InterNetwork)
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                if (!address.IsIPv4MappedToIPv6)
                {
                    return -1;
                }

                address = address.MapToIPv4();
            }

            BinaryPrimitives.WriteUInt16LittleEndian(bytes, Libc.AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], (ushort)endpoint.Port);
            address.TryWriteBytes(bytes.Slice(4, 4), out _);
            return 16;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address = address.MapToIPv6();
        }

        BinaryPrimitives.WriteUInt16LittleEndian(bytes, Libc.AF_INET6);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], (ushort)endpoint.Port);
        address.TryWriteBytes(bytes.Slice(8, 16), out _);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[24..], (uint)address.ScopeId);
        return 28;
    }

    /// <summary>Reads a sockaddr the kernel filled in; null for a family other than IPv4 and IPv6.</summary>
    internal static IPEndPoint? Read(byte* source, int length)
    {
        ReadOnlySpan<byte> bytes = new(source, length);
        if (length < 2)
        {
            return null;
        }

        ushort family = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (family == Libc.AF_INET && length >= 16)
        {
            return new IPEndPoint(new IPAddress(bytes.Slice(4, 4)), BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]));
        }

        if (family == Libc.AF_INET6 && length >= 28)
        {
            long scope = BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..]);
            return new IPEndPoint(new IPAddress(bytes.Slice(8, 16), scope), BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]));
        }

        return null;
    }

    /// <summary>True when the sockaddr at <paramref name="source"/> names <paramref name="endpoint"/> (to reuse a cached endpoint).</summary>
    internal static bool Matches(byte* source, int length, IPEndPoint endpoint)
    {
        byte* expected = stackalloc byte[MaxLength];
        AddressFamily family = length == 16 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        int expectedLength = Write(endpoint, family, expected);
        return expectedLength == length && new ReadOnlySpan<byte>(source, length).SequenceEqual(new ReadOnlySpan<byte>(expected, length));
    }
}
