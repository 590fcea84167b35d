using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnip.Tests;

/// <summary>
/// One Catnip stack (10.9.0.1, 02:00:00:00:00:01) on end A of a simulated link; the test plays the peer on end B with
/// raw frames. Time is a manual clock the harness moves.
/// </summary>
internal sealed class StackHarness : IDisposable
{
    internal StackHarness(bool staticPeer = true, SimulatedLinkFaults? faults = null, Func<CatnipOptions, CatnipOptions>? configure = null)
    {
        Clock = new ManualClock(autoAdvance: false);
        Link = new SimulatedLink(Clock, faults, seed: 7);
        CatnipOptions options = new()
        {
            Device = CatnipDeviceKind.Simulated,
            SimulatedLink = Link.A,
            Mac = Frames.StackMac,
            Address = IPAddress.Parse(Frames.StackAddress),
            StaticArpEntries = staticPeer
                ? new Dictionary<IPAddress, MacAddress> { [IPAddress.Parse(Frames.PeerAddress)] = Frames.PeerMac }
                : new Dictionary<IPAddress, MacAddress>(),
            AnnounceOnStart = false,
        };
        OS = (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions { Clock = Clock, Catnip = configure?.Invoke(options) ?? options });
    }

    internal ManualClock Clock { get; }

    internal SimulatedLink Link { get; }

    internal CatnipLibOS OS { get; }

    internal InetStack Stack => OS.Stack;

    internal SimulatedLinkEndpoint Peer => Link.B;

    /// <summary>Sends <paramref name="frame"/> from the peer and lets the stack handle it.</summary>
    internal void Inject(byte[] frame)
    {
        Peer.SendFrame(frame);
        Run();
    }

    internal void Run() => SimulatedNetwork.RunUntilIdle([OS]);

    /// <summary>Moves the clock and lets the stack run its timers.</summary>
    internal void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Run();
    }

    /// <summary>Every frame the stack has sent to the peer so far.</summary>
    internal List<byte[]> TakeSent()
    {
        List<byte[]> frames = [];
        while (Peer.TryReceiveFrame(out byte[] frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    internal QDesc UdpSocket(int port)
    {
        QDesc qd = OS.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        OS.Bind(qd, new IPEndPoint(IPAddress.Any, port));
        return qd;
    }

    /// <summary>The result of <paramref name="qt"/> if it has completed (consuming it), else null.</summary>
    internal QResult? Poll(QToken qt)
    {
        Run();
        QResult result = OS.Wait(qt, TimeSpan.Zero);
        return result.Error == DemiError.ETIMEDOUT && result.QDesc == default ? null : result;
    }

    /// <summary>Completes a token that must be done by now (or fails the test).</summary>
    internal QResult Done(QToken qt) => Poll(qt) ?? throw new Xunit.Sdk.XunitException($"{qt} has not completed; {OS.CountersReport}");

    public void Dispose() => OS.Dispose();
}
