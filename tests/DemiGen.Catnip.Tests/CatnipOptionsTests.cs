using System.Net;

namespace DemiGen.Catnip.Tests;

public class CatnipOptionsTests
{
    private static DemiException Create(CatnipOptions? catnip) =>
        Assert.Throws<DemiException>(() => LibOS.Create(LibOSKind.Catnip, new LibOSOptions { Catnip = catnip }));

    [Fact]
    public void MissingCatnipOptionsIsAClearError()
    {
        Assert.Contains("LibOSOptions.Catnip", Create(null).Message);
    }

    [Fact]
    public void MissingAddressIsAClearError()
    {
        SimulatedLink link = new(new ManualClock());
        DemiException error = Create(new CatnipOptions { Device = CatnipDeviceKind.Simulated, SimulatedLink = link.A });
        Assert.Equal(DemiError.EINVAL, error.Error);
        Assert.Contains("Address", error.Message);
        Assert.False(link.A.Attached);
    }

    [Fact]
    public void NonContiguousNetmaskIsRejected()
    {
        SimulatedLink link = new(new ManualClock());
        DemiException error = Create(new CatnipOptions
        {
            Device = CatnipDeviceKind.Simulated, SimulatedLink = link.A, Address = IPAddress.Parse("10.0.0.1"), Netmask = IPAddress.Parse("255.0.255.0"),
        });
        Assert.Contains("contiguous", error.Message);
    }

    [Fact]
    public void OneLinkEndCarriesOneLibOS()
    {
        ManualClock clock = new();
        SimulatedLink link = new(clock);
        CatnipOptions options = new() { Device = CatnipDeviceKind.Simulated, SimulatedLink = link.A, Address = IPAddress.Parse("10.0.0.1") };
        using LibOS first = LibOS.Create(LibOSKind.Catnip, new LibOSOptions { Clock = clock, Catnip = options });
        Assert.Equal(DemiError.EBUSY, Create(options).Error);
    }

    [Fact]
    public void DeviceNeedsAnInterfaceName()
    {
        Assert.Contains("InterfaceName", Create(new CatnipOptions { Device = CatnipDeviceKind.AfPacket, Address = IPAddress.Parse("10.0.0.1") }).Message);
    }

    [Fact]
    public void DefaultMacIsLocallyAdministeredFromTheAddress()
    {
        ManualClock clock = new();
        SimulatedLink link = new(clock);
        using LibOS os = LibOS.Create(LibOSKind.Catnip, new LibOSOptions
        {
            Clock = clock,
            Catnip = new CatnipOptions { Device = CatnipDeviceKind.Simulated, SimulatedLink = link.A, Address = IPAddress.Parse("10.1.2.3") },
        });
        Assert.Equal("02:00:0a:01:02:03", ((CatnipLibOS)os).Stack.Ethernet.LocalMac.ToString());
    }
}
