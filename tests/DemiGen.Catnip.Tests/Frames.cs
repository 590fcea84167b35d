namespace DemiGen.Catnip.Tests;

/// <summary>
/// Frames captured from Linux over a veth pair (AF_PACKET, no FCS, no padding) between host 10.9.0.2
/// (02:00:00:00:00:02, the kernel) and 10.9.0.1 (02:00:00:00:00:01, where the stack under test sits).
/// </summary>
internal static class Frames
{
    internal static readonly MacAddress StackMac = MacAddress.Parse("02:00:00:00:00:01");
    internal static readonly MacAddress PeerMac = MacAddress.Parse("02:00:00:00:00:02");
    internal const string StackAddress = "10.9.0.1";
    internal const string PeerAddress = "10.9.0.2";

    /// <summary>
    /// UDP 10.9.0.2:40000 → 10.9.0.1:7, payload "hello catnip", as captured: the veth sender offloaded the checksum,
    /// so the field holds only the pseudo-header sum 143a (AF_PACKET flags it TP_STATUS_CSUMNOTREADY).
    /// </summary>
    internal static byte[] KernelUdpChecksumPending => Convert.FromHexString(
        "020000000001020000000002080045000028" + "7b4240004011ab6e0a0900020a090001" + "9c4000070014143a" + "68656c6c6f206361746e6970");

    /// <summary>The same datagram with its checksum completed (ca37).</summary>
    internal static byte[] KernelUdp => Convert.FromHexString(
        "020000000001020000000002080045000028" + "7b4240004011ab6e0a0900020a090001" + "9c400007001" + "4ca37" + "68656c6c6f206361746e6970");

    /// <summary>ICMP echo request from `ping -c1 -s 8 -p 41424344 10.9.0.1` (id 0x2add, seq 1).</summary>
    internal static byte[] KernelEchoRequest => Convert.FromHexString(
        "020000000001020000000002080045000024854340004001a1810a0900020a090001" + "0800489b2add0001" + "4142434400000000");

    /// <summary>ARP request "who has 10.9.0.1? tell 10.9.0.2" (broadcast).</summary>
    internal static byte[] KernelArpRequest => Convert.FromHexString(
        "ffffffffffff020000000002080600010800060400010200000000020a0900020000000000000a090001");

    internal const int EthernetLength = 14;
    internal const int IpLength = 20;
    internal const int IpOffset = EthernetLength;
    internal const int TransportOffset = EthernetLength + IpLength;
}
