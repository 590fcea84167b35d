namespace DemiGen;

/// <summary>The EtherType values the stack understands (IEEE 802 numbers).</summary>
internal static class EtherType
{
    internal const ushort Ipv4 = 0x0800;
    internal const ushort Arp = 0x0806;

    /// <summary>Values below this are 802.3 lengths, not EtherTypes.</summary>
    internal const ushort Minimum = 0x0600;
}
