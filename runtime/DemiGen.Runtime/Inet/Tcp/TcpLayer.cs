namespace DemiGen.Inet.Tcp;

/// <summary>
/// The TCP engine as Catnip's IPv4 protocol handler: received datagrams go to the engine, its segments are built
/// straight into the outgoing frame (<see cref="Ipv4Layer.BeginSend"/> / <see cref="Ipv4Layer.CommitSend"/>), and
/// its timers run in the stack's poll rounds.
/// </summary>
internal sealed class TcpLayer : IIpProtocolHandler, ITcpSegmentSender
{
    internal TcpLayer(LibOS os, Ipv4Layer ipv4, TcpConfig? config)
    {
        OS = os;
        Ipv4 = ipv4;
        config = config?.Copy() ?? new TcpConfig();

        // The largest segment must fit one IPv4 payload: MSS = MTU - 20 (IPv4) - 20 (TCP).
        config.Mss = Math.Min(config.Mss, ipv4.MaxPayload - TcpHeader.MinLength);
        Engine = new TcpEngine(config, os.Clock, this);
    }

    internal LibOS OS { get; }

    internal Ipv4Layer Ipv4 { get; }

    internal TcpEngine Engine { get; }

    /// <summary>Datagrams not addressed to this host alone (broadcasts): TCP is unicast.</summary>
    internal long DroppedNotUnicast { get; private set; }

    /// <summary>Segments IPv4 could not send (no route, queue full): TCP's retransmission covers them.</summary>
    internal long SendFailures { get; private set; }

    public long NextDeadlineNanoseconds => Engine.NextDeadline;

    public void OnTimer(long nowNanoseconds) => Engine.CheckTimers();

    public void Receive(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        if (destination != Ipv4.LocalAddress)
        {
            DroppedNotUnicast++;
            return;
        }

        Engine.Receive(source.Value, destination.Value, payload);
    }

    public Span<byte> BeginSegment() => Ipv4.BeginSend();

    public void CommitSegment(uint source, uint destination, int length)
    {
        Ipv4SendResult result = Ipv4.CommitSend(new Ipv4Address(destination), IpProtocol.Tcp, length);
        if (result is not (Ipv4SendResult.Sent or Ipv4SendResult.AwaitingArp))
        {
            SendFailures++;
        }
    }
}
