using System.Net;

namespace DemiGen.Catnip.Tests;

/// <summary>Catnip on a TAP device it creates in a fresh namespace; the kernel's stack sits on the TAP interface.</summary>
public class TapDeviceTests
{
    private static readonly IPAddress CatnipAddress = IPAddress.Parse("10.78.0.1");
    private static readonly IPAddress KernelAddress = IPAddress.Parse("10.78.0.2");

    private sealed class TapLab : IDisposable
    {
        internal TapLab()
        {
            Namespace = new TestNamespace();
            Interface = NetworkLab.UniqueName("t");
            OS = (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions
            {
                Catnip = new CatnipOptions
                {
                    Device = CatnipDeviceKind.Tap,
                    InterfaceName = Interface,
                    NetworkNamespace = Namespace.Name,
                    Address = CatnipAddress,
                },
            });
            Namespace.Ip("addr", "add", $"{KernelAddress}/24", "dev", Interface);
            Namespace.Ip("link", "set", Interface, "up");
        }

        internal TestNamespace Namespace { get; }

        internal string Interface { get; }

        internal CatnipLibOS OS { get; }

        public void Dispose()
        {
            OS.Dispose();
            Namespace.Dispose();
        }
    }

    [NetworkLabFact(needsTun: true)]
    public void TapInterfaceExistsWhileTheLibOSDoes()
    {
        TapLab lab = new();
        try
        {
            Assert.Contains(lab.Interface, lab.Namespace.Ip("-o", "link", "show"));
            lab.OS.Dispose();
            Assert.DoesNotContain(lab.Interface, lab.Namespace.Ip("-o", "link", "show"));
        }
        finally
        {
            lab.Dispose();
        }
    }

    [NetworkLabFact(needsTun: true)]
    public void UdpEchoedByAKernelSocketComesBackIntact()
    {
        using TapLab lab = new();
        KernelPeer.CatnipClientKernelEcho(lab.OS, lab.Namespace.Name, KernelAddress, count: 100);
    }

    [NetworkLabFact(needsTun: true)]
    public void KernelClientIsAnsweredByCatnip()
    {
        using TapLab lab = new();
        KernelPeer.KernelClientCatnipEcho(lab.OS, lab.Namespace.Name, KernelAddress, CatnipAddress);
    }

    [NetworkLabFact(needsTun: true)]
    public void KernelPingIsAnswered()
    {
        using TapLab lab = new();
        KernelPeer.PingFromKernel(lab.OS, lab.Namespace.Name, CatnipAddress, count: 3);
    }
}
