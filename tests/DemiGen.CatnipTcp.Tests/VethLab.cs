using System.Net;
using DemiGen.Catnip.Tests;

namespace DemiGen.CatnipTcp.Tests;

/// <summary>
/// Two network namespaces joined by a veth pair: Catnip over AF_PACKET (TPACKET_V3) on one end, which has no kernel
/// address (so only Catnip answers there), and the kernel's TCP/IP on the other. Everything is removed on dispose.
/// </summary>
internal sealed class VethLab : IDisposable
{
    internal static readonly IPAddress CatnipAddress = IPAddress.Parse("10.78.0.1");
    internal static readonly IPAddress KernelAddress = IPAddress.Parse("10.78.0.2");

    private readonly TestNamespace catnipSide;
    private readonly TestNamespace kernelSide;

    internal VethLab()
    {
        catnipSide = new TestNamespace();
        try
        {
            kernelSide = new TestNamespace();
        }
        catch
        {
            catnipSide.Dispose();
            throw;
        }

        try
        {
            string catnipInterface = NetworkLab.UniqueName("c");
            string kernelInterface = NetworkLab.UniqueName("k");
            NetworkLab.Run("ip", "link", "add", catnipInterface, "netns", catnipSide.Name, "type", "veth", "peer", "name", kernelInterface, "netns", kernelSide.Name);

            // The kernel must send frames of at most one MTU: no TSO/GSO super-frames reach the AF_PACKET ring.
            kernelSide.Ip("link", "set", kernelInterface, "gso_max_size", "1500", "gso_max_segs", "1");
            catnipSide.Ip("link", "set", catnipInterface, "up");
            kernelSide.Ip("addr", "add", $"{KernelAddress}/24", "dev", kernelInterface);
            kernelSide.Ip("link", "set", kernelInterface, "up");
            // CUBIC rather than the machine's default (BBR here), whose pacing crawls once a starved CI core delays our ACKs.
            kernelSide.Ip("route", "replace", "10.78.0.0/24", "dev", kernelInterface, "congctl", "cubic");
            OS = (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions
            {
                Catnip = new CatnipOptions
                {
                    Device = CatnipDeviceKind.AfPacket,
                    InterfaceName = catnipInterface,
                    NetworkNamespace = catnipSide.Name,
                    Address = CatnipAddress,
                },
            });
        }
        catch
        {
            kernelSide.Dispose();
            catnipSide.Dispose();
            throw;
        }
    }

    internal CatnipLibOS OS { get; }

    internal string KernelNamespace => kernelSide.Name;

    public void Dispose()
    {
        try
        {
            OS.Dispose();
        }
        finally
        {
            kernelSide.Dispose();
            catnipSide.Dispose();
        }
    }
}
