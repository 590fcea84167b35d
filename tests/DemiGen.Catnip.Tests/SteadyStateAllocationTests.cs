using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnip.Tests;

/// <summary>The per-packet path of Ethernet, ARP, IPv4 and UDP allocates nothing on the GC heap once warmed up.</summary>
public class SteadyStateAllocationTests
{
    [Fact]
    public void UdpDatagramsBetweenTwoStacksAllocateNothingInSteadyState()
    {
        ManualClock clock = new(autoAdvance: false);
        SimulatedLink link = new(clock, seed: 3);
        using LibOS b = Create(link.B, "10.6.0.2", clock);
        using LibOS a = Create(link.A, "10.6.0.1", clock);
        QDesc server = b.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        b.Bind(server, new IPEndPoint(IPAddress.Any, 7));
        QDesc client = a.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        IPEndPoint to = new(IPAddress.Parse("10.6.0.2"), 7);
        Sga data = a.SgaAlloc(512);

        void RoundTrip()
        {
            a.Wait(a.PushTo(client, data, to));
            while (a.Poll() | b.Poll())
            {
            }

            QResult request = b.Wait(b.Pop(server));
            b.Wait(b.PushTo(server, request.Sga, request.Remote!));
            b.SgaFree(request.Sga);
            while (a.Poll() | b.Poll())
            {
            }

            QResult reply = a.Wait(a.Pop(client));
            a.SgaFree(reply.Sga);
        }

        for (int i = 0; i < 200; i++)
        {
            RoundTrip();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            RoundTrip();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        a.SgaFree(data);
    }

    private static LibOS Create(SimulatedLinkEndpoint end, string address, ManualClock clock) =>
        LibOS.Create(LibOSKind.Catnip, new LibOSOptions
        {
            Clock = clock,
            Catnip = new CatnipOptions { Device = CatnipDeviceKind.Simulated, SimulatedLink = end, Address = IPAddress.Parse(address) },
        });
}
