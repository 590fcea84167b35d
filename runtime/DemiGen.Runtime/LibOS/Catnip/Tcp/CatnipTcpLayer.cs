using DemiGen.Inet.Tcp;

namespace DemiGen;

/// <summary>
/// Joins the TCP engine to the Catnip stack: IPv4 hands it segments and timer ticks (as an
/// <see cref="IIpProtocolHandler"/>), and it builds outgoing segments straight in the frame IPv4 is assembling
/// (<see cref="ITcpSegmentSender"/> over BeginSend/CommitSend). The engine reports connection events from inside its
/// own calls; sockets only note them there, and this layer lets them act once the engine call has returned, so the
/// engine is never re-entered.
/// </summary>
internal sealed class CatnipTcpLayer : IIpProtocolHandler, ITcpSegmentSender
{
    private readonly Ipv4Layer ipv4;
    private readonly Queue<CatnipTcpSocket> ready = new();
    private bool running;

    internal CatnipTcpLayer(LibOS os, Ipv4Layer ipv4, InetConfig config, TcpConfig tcp)
    {
        OS = os;
        this.ipv4 = ipv4;
        Config = config;
        Engine = new TcpEngine(tcp, os.Clock, this);
    }

    internal LibOS OS { get; }

    internal InetConfig Config { get; }

    internal TcpEngine Engine { get; }

    /// <summary>Segments IPv4 refused to send (no route, device or ARP queue full); TCP's retransmission covers them.</summary>
    internal long SendFailures { get; private set; }

    /// <summary>Segments addressed to a broadcast address, which TCP never accepts.</summary>
    internal long DroppedBroadcast { get; private set; }

    long IIpProtocolHandler.NextDeadlineNanoseconds => Engine.NextDeadline;

    void IIpProtocolHandler.Receive(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        if (destination != Config.Address)
        {
            DroppedBroadcast++;
            return;
        }

        Engine.Receive(source.Value, destination.Value, payload);
        RunReady();
    }

    void IIpProtocolHandler.OnTimer(long nowNanoseconds)
    {
        Engine.CheckTimers();
        RunReady();
    }

    Span<byte> ITcpSegmentSender.BeginSegment() => ipv4.BeginSend();

    void ITcpSegmentSender.CommitSegment(uint source, uint destination, int length)
    {
        Ipv4SendResult result = ipv4.CommitSend(new Ipv4Address(destination), IpProtocol.Tcp, length);
        if (result is not (Ipv4SendResult.Sent or Ipv4SendResult.AwaitingArp))
        {
            SendFailures++;
        }
    }

    /// <summary>Whether IPv4 has a way to <paramref name="destination"/> (on the subnet, or a gateway is set).</summary>
    internal bool HasRoute(Ipv4Address destination) =>
        (destination.Value & Config.Netmask.Value) == (Config.Address.Value & Config.Netmask.Value) || Config.Gateway is not null;

    /// <summary>A socket has engine events to act on; it runs once the current engine call has returned.</summary>
    internal void MarkReady(CatnipTcpSocket socket) => ready.Enqueue(socket);

    /// <summary>Lets every socket with pending events act on them (complete pops, accepts, pushes, connects).</summary>
    internal void RunReady()
    {
        if (running)
        {
            return;
        }

        running = true;
        try
        {
            while (ready.TryDequeue(out CatnipTcpSocket? socket))
            {
                socket.OnReady();
            }
        }
        finally
        {
            running = false;
        }
    }
}
