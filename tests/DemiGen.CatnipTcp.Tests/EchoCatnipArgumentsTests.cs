using System.Net;
using DemiGen.Samples.Echo;

namespace DemiGen.CatnipTcp.Tests;

/// <summary>The echo sample's switch to Catnip: its device options and the clear errors of bad ones.</summary>
public class EchoCatnipArgumentsTests
{
    [Fact]
    public void CatnipSwitchCarriesTheDeviceAndAddress()
    {
        EchoArguments parsed = EchoArguments.Parse(["server", "--port", "7", "--libos", "catnip", "--interface", "veth0", "--address", "10.0.0.1", "--netns", "ns1", "--gateway", "10.0.0.254", "--mac", "02:00:0a:00:00:01", "--ring", "v2"]);
        Assert.Equal(LibOSKind.Catnip, parsed.LibOS);
        CatnipOptions catnip = parsed.Catnip!;
        Assert.Equal(CatnipDeviceKind.AfPacket, catnip.Device);
        Assert.Equal(PacketRingVersion.TpacketV2, catnip.PacketRing);
        Assert.Equal("veth0", catnip.InterfaceName);
        Assert.Equal("ns1", catnip.NetworkNamespace);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), catnip.Address);
        Assert.Equal(IPAddress.Parse("10.0.0.254"), catnip.Gateway);
        Assert.Equal(MacAddress.Parse("02:00:0a:00:00:01"), catnip.Mac);
        Assert.Equal(LibOSKind.Catnap, EchoArguments.Parse(["client", "--port", "7"]).LibOS);
    }

    [Theory]
    [InlineData("--libos", "catnip", "--interface", "veth0")]
    [InlineData("--libos", "catnip", "--address", "10.0.0.1")]
    [InlineData("--address", "10.0.0.1", "--interface", "veth0")]
    [InlineData("--libos", "catnet")]
    [InlineData("--libos", "catnip", "--address", "10.0.0.1", "--interface", "veth0", "--device", "xdp")]
    [InlineData("--libos", "catnip", "--address", "10.0.0.1", "--interface", "veth0", "--mac", "02:00")]
    [InlineData("--libos", "catnip", "--address", "10.0.0.1", "--interface", "veth0", "--ring", "v1")]
    [InlineData("--libos", "catnip", "--address", "10.0.0.1", "--interface", "veth0", "--threads", "2")]
    public void BadCatnipOptionsAreRefusedWithAReason(params string[] options)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => EchoArguments.Parse(["server", .. options]));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
