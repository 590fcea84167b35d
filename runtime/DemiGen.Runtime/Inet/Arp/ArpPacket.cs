using System.Buffers.Binary;

namespace DemiGen;

/// <summary>An ARP message for IPv4 over Ethernet (RFC 826): 28 bytes.</summary>
internal readonly record struct ArpPacket(ushort Operation, MacAddress SenderMac, Ipv4Address SenderAddress, MacAddress TargetMac, Ipv4Address TargetAddress)
{
    internal const int Length = 28;
    internal const ushort Request = 1;
    internal const ushort Reply = 2;
    private const ushort HardwareEthernet = 1;

    /// <summary>A gratuitous ARP announces the sender's own mapping: sender and target address are the same.</summary>
    internal bool IsGratuitous => SenderAddress == TargetAddress;

    internal static ArpParseResult TryParse(ReadOnlySpan<byte> bytes, out ArpPacket packet)
    {
        packet = default;
        if (bytes.Length < Length)
        {
            return ArpParseResult.Truncated;
        }

        if (BinaryPrimitives.ReadUInt16BigEndian(bytes) != HardwareEthernet
            || BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]) != EtherType.Ipv4
            || bytes[4] != 6
            || bytes[5] != 4)
        {
            return ArpParseResult.Unsupported;
        }

        ushort operation = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        if (operation is not (Request or Reply))
        {
            return ArpParseResult.Unsupported;
        }

        packet = new ArpPacket(operation, MacAddress.Read(bytes[8..]), Ipv4Address.Read(bytes[14..]), MacAddress.Read(bytes[18..]), Ipv4Address.Read(bytes[24..]));
        return ArpParseResult.Ok;
    }

    internal void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt16BigEndian(bytes, HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], EtherType.Ipv4);
        bytes[4] = 6;
        bytes[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(bytes[6..], Operation);
        SenderMac.Write(bytes[8..]);
        SenderAddress.Write(bytes[14..]);
        TargetMac.Write(bytes[18..]);
        TargetAddress.Write(bytes[24..]);
    }
}

/// <summary>Why an ARP message was rejected.</summary>
internal enum ArpParseResult
{
    Ok,
    Truncated,
    Unsupported,
}
