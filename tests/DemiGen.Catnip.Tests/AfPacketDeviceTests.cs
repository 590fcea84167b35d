using System.Net;

namespace DemiGen.Catnip.Tests;

/// <summary>
/// Catnip over AF_PACKET (TPACKET_V3 ring) on one end of a veth pair, in its own namespace, with the kernel's stack
/// in a second namespace on the other end. The Catnip end has no kernel address, so only Catnip answers there.
/// </summary>
public class AfPacketDeviceTests
{
    private static readonly IPAddress CatnipAddress = IPAddress.Parse("10.77.0.1");
    private static readonly IPAddress KernelAddress = IPAddress.Parse("10.77.0.2");

    private sealed class VethLab : IDisposable
    {
        internal VethLab(PacketRingVersion ring = PacketRingVersion.TpacketV3)
        {
            CatnipSide = new TestNamespace();
            KernelSide = new TestNamespace();
            CatnipInterface = NetworkLab.UniqueName("c");
            string kernelInterface = NetworkLab.UniqueName("k");
            NetworkLab.Run("ip", "link", "add", CatnipInterface, "netns", CatnipSide.Name, "type", "veth", "peer", "name", kernelInterface, "netns", KernelSide.Name);
            CatnipSide.Ip("link", "set", CatnipInterface, "up");
            KernelSide.Ip("addr", "add", $"{KernelAddress}/24", "dev", kernelInterface);
            KernelSide.Ip("link", "set", kernelInterface, "up");
            OS = (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions
            {
                Catnip = new CatnipOptions
                {
                    Device = CatnipDeviceKind.AfPacket,
                    InterfaceName = CatnipInterface,
                    NetworkNamespace = CatnipSide.Name,
                    Address = CatnipAddress,
                    PacketRing = ring,
                },
            });
        }

        internal TestNamespace CatnipSide { get; }

        internal TestNamespace KernelSide { get; }

        internal string CatnipInterface { get; }

        internal CatnipLibOS OS { get; }

        public void Dispose()
        {
            OS.Dispose();
            KernelSide.Dispose();
            CatnipSide.Dispose();
        }
    }

    [NetworkLabFact]
    public void UsesTheVethsOwnMacAndMtu()
    {
        using VethLab lab = new();
        string link = lab.CatnipSide.Ip("-o", "link", "show", lab.CatnipInterface);
        Assert.Contains($"link/ether {lab.OS.Stack.Ethernet.LocalMac} ", link);
        Assert.Equal(1472, lab.OS.Stack.Ipv4.MaxPayload - 8);
    }

    [NetworkLabFact]
    public void UdpEchoedByAKernelSocketComesBackIntact()
    {
        using VethLab lab = new();
        KernelPeer.CatnipClientKernelEcho(lab.OS, lab.KernelSide.Name, KernelAddress, count: 100);
        Assert.Equal(1, lab.OS.Stack.Arp.Counters.Resolved);
        Assert.Equal(0, lab.OS.Udp.Counters.DroppedBadChecksum);
    }

    [NetworkLabFact]
    public void KernelClientIsAnsweredByCatnip()
    {
        using VethLab lab = new();
        KernelPeer.KernelClientCatnipEcho(lab.OS, lab.KernelSide.Name, KernelAddress, CatnipAddress);
        Assert.True(lab.OS.Stack.Arp.Counters.RepliesSent >= 1);
    }

    [NetworkLabFact]
    public void KernelPingIsAnswered()
    {
        using VethLab lab = new();
        KernelPeer.PingFromKernel(lab.OS, lab.KernelSide.Name, CatnipAddress, count: 3);
    }

    [NetworkLabFact]
    public void TpacketV2RingCarriesTheSameExchange()
    {
        using VethLab lab = new(PacketRingVersion.TpacketV2);
        Assert.Contains("TpacketV2", lab.OS.Stack.Device.Name);
        KernelPeer.CatnipClientKernelEcho(lab.OS, lab.KernelSide.Name, KernelAddress, count: 100);
        KernelPeer.KernelClientCatnipEcho(lab.OS, lab.KernelSide.Name, KernelAddress, CatnipAddress);
        Assert.Equal(0, lab.OS.Udp.Counters.DroppedBadChecksum);
    }

    [NetworkLabFact]
    public void TpacketV2RingAnswersPing()
    {
        using VethLab lab = new(PacketRingVersion.TpacketV2);
        KernelPeer.PingFromKernel(lab.OS, lab.KernelSide.Name, CatnipAddress, count: 3);
    }
}
