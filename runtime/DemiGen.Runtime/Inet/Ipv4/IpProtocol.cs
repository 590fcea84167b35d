namespace DemiGen;

/// <summary>IPv4 protocol numbers (IANA) the stack dispatches.</summary>
internal static class IpProtocol
{
    internal const byte Icmp = 1;
    internal const byte Tcp = 6;
    internal const byte Udp = 17;
}
