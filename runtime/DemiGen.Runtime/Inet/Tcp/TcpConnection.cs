namespace DemiGen.Inet.Tcp;

/// <summary>
/// One TCP connection (RFC 9293): its state machine, send and receive buffers, reassembly, retransmission, flow and
/// congestion control. The application side is <see cref="Send"/>, <see cref="Receive"/>, <see cref="Close"/> and
/// <see cref="Abort"/>; the engine feeds it segments and timer ticks. The partial files hold input, output and timers.
/// </summary>
internal sealed partial class TcpConnection
{
    private const int DefaultPeerMss = 536;
    private const int DupAckThreshold = 3;
    private const int ReassemblyRanges = 32;
    private const int ScoreboardRanges = 32;
    private const long NanosPerMilli = 1_000_000;

    private readonly TcpEngine engine;
    private readonly TcpConfig config;
    private readonly ByteRing sendBuffer;
    private readonly ByteRing receiveBuffer;
    private readonly SeqRangeSet reassembly = new(ReassemblyRanges);
    private readonly SeqRangeSet scoreboard = new(ScoreboardRanges);

    // Send sequence space (RFC 9293 §3.3.1). sndMax is the highest sequence sent; sndNxt drops back to sndUna on a timeout.
    private SeqNumber iss;
    private SeqNumber sndUna;
    private SeqNumber sndNxt;
    private SeqNumber sndMax;
    private SeqNumber sndWl1;
    private SeqNumber sndWl2;
    private long sndWnd;
    private long maxSndWnd;
    private int sndShift;
    private SeqNumber sendBufferSeq;   // the sequence number of sendBuffer's first byte
    private bool finQueued;

    // Receive sequence space.
    private SeqNumber irs;
    private SeqNumber rcvNxt;
    private SeqNumber rcvAdvertisedEdge;
    private int rcvShift;
    private bool finReceived;
    private bool hasOutOfOrderFin;
    private SeqNumber outOfOrderFinSeq;

    // Negotiated options.
    private int peerMss = DefaultPeerMss;
    private bool timestampsOk;
    private bool sackOk;
    private bool windowScaleOk;
    private uint tsOffset;
    private uint tsRecent;
    private SeqNumber lastAckSent;

    // Timers (clock nanoseconds; long.MaxValue = off).
    private long retransmitDeadline = long.MaxValue;
    private long delayedAckDeadline = long.MaxValue;
    private long closeDeadline = long.MaxValue;
    private int retransmitCount;
    private bool persisting;
    private int persistBackoff;
    private RttEstimator rtt;
    private bool rttTiming;
    private SeqNumber rttSeq;
    private long rttStart;

    // ACK generation.
    private int unackedSegments;
    private bool ackNow;

    // Loss recovery and congestion control.
    private CongestionController congestion;
    private int dupAcks;
    private bool inRecovery;
    private SeqNumber recover;
    private SeqNumber highRxt;
    private long recoveryInflation;

    internal TcpConnection(TcpEngine engine, TcpFourTuple tuple)
    {
        this.engine = engine;
        config = engine.Config;
        Tuple = tuple;
        sendBuffer = new ByteRing(config.SendBufferSize);
        receiveBuffer = new ByteRing(config.ReceiveBufferSize);
        rtt = new RttEstimator(
            config.InitialRto.Ticks * 100, config.MinRto.Ticks * 100, config.MaxRto.Ticks * 100, NanosPerMilli);
        tsOffset = engine.NewTimestampOffset();

        // Replaced once the peer's MSS is known (ReceiveSyn).
        congestion = CongestionController.Create(config.CongestionControl, DefaultPeerMss, config.InitialWindowSegments);
    }

    public TcpFourTuple Tuple { get; }

    public TcpState State { get; private set; } = TcpState.Closed;

    /// <summary>Why the connection ended: ECONNRESET, ECONNREFUSED, ETIMEDOUT, or None.</summary>
    public DemiError Error { get; private set; }

    public ITcpConnectionObserver? Observer { get; set; }

    /// <summary>The listener a passive connection came from, until it is accepted.</summary>
    internal TcpListener? Listener { get; set; }

    /// <summary>Bytes ready for <see cref="Receive"/>.</summary>
    public int ReadableBytes => receiveBuffer.Count;

    /// <summary>The peer closed its side and every byte before its FIN has been read.</summary>
    public bool IsEndOfStream => finReceived && receiveBuffer.Count == 0;

    /// <summary>Free space in the send buffer.</summary>
    public int SendSpace => CanSend ? sendBuffer.Free : 0;

    /// <summary>Bytes queued but not yet acknowledged by the peer.</summary>
    public int UnacknowledgedBytes => sendBuffer.Count;

    /// <summary>The current retransmission timeout, in nanoseconds.</summary>
    public long RetransmissionTimeout => rtt.Rto;

    public long CongestionWindow => congestion.Cwnd;

    internal long NextDeadline => Math.Min(retransmitDeadline, Math.Min(delayedAckDeadline, closeDeadline));

    /// <summary>The deadline of this connection's entry in the engine's timer queue (long.MaxValue: none).</summary>
    internal long ScheduledDeadline { get; set; } = long.MaxValue;

    // Setting a timer earlier than the one the engine knows about queues it with the engine (TcpEngine.Schedule).
    private long RetransmitDeadline
    {
        get => retransmitDeadline;
        set => retransmitDeadline = Arm(value);
    }

    private long DelayedAckDeadline
    {
        get => delayedAckDeadline;
        set => delayedAckDeadline = Arm(value);
    }

    private long CloseDeadline
    {
        get => closeDeadline;
        set => closeDeadline = Arm(value);
    }

    private bool CanSend => !finQueued && State is TcpState.SynSent or TcpState.SynReceived or TcpState.Established or TcpState.CloseWait;

    private long Now => engine.Clock.NowNanoseconds;

    /// <summary>Queues bytes to send and returns how many fit; EPIPE after <see cref="Close"/>, or the connection's error.</summary>
    public DemiError Send(ReadOnlySpan<byte> data, out int queued)
    {
        queued = 0;
        if (!CanSend)
        {
            return Error != DemiError.None ? Error : DemiError.EPIPE;
        }

        queued = sendBuffer.Append(data);
        if (queued > 0)
        {
            Output();
        }

        return DemiError.None;
    }

    /// <summary>Reads up to <paramref name="destination"/>'s length of in-order bytes; 0 when none is ready.</summary>
    public int Receive(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, receiveBuffer.Count);
        if (n == 0)
        {
            return 0;
        }

        receiveBuffer.CopyTo(0, destination[..n]);
        receiveBuffer.Discard(n);
        if (State is not (TcpState.Closed or TcpState.TimeWait) && WindowUpdateWorthSending())
        {
            ackNow = true;
            Output();
        }

        return n;
    }

    /// <summary>
    /// Graceful close of this side (RFC 9293 §3.10.4): a FIN follows the queued data. Receiving goes on until the
    /// peer's FIN; a connection that never finished its handshake is simply dropped.
    /// </summary>
    public void Close()
    {
        switch (State)
        {
            case TcpState.SynSent:
                Terminate(DemiError.None);
                return;
            case TcpState.SynReceived:
                // RFC 9293 §3.10.4: the FIN waits until the handshake completes (see OnEstablished).
                finQueued = true;
                return;
            case TcpState.Established:
                finQueued = true;
                State = TcpState.FinWait1;
                break;
            case TcpState.CloseWait:
                finQueued = true;
                State = TcpState.LastAck;
                break;
            default:
                return;
        }

        Output();
    }

    /// <summary>Abortive close: sends RST (in a synchronized state) and forgets the connection.</summary>
    public void Abort()
    {
        if (State is TcpState.Closed)
        {
            return;
        }

        if (State is not (TcpState.SynSent or TcpState.TimeWait))
        {
            SendControl(sndNxt, TcpFlags.Rst | TcpFlags.Ack);
            engine.Stats.ResetsSent++;
        }

        Terminate(DemiError.ECONNABORTED);
    }

    /// <summary>Ends the connection: timers off, the engine forgets it, the observer hears Closed.</summary>
    internal void Terminate(DemiError error)
    {
        if (State == TcpState.Closed)
        {
            return;
        }

        if (State == TcpState.SynReceived && Listener is { } listener)
        {
            listener.HalfOpen--;
        }

        State = TcpState.Closed;
        Error = error;
        RetransmitDeadline = DelayedAckDeadline = CloseDeadline = long.MaxValue;
        engine.Forget(this);
        Observer?.OnTcpEvents(this, TcpEvents.Closed | TcpEvents.Readable | TcpEvents.Writable);
    }

    private long Arm(long deadline)
    {
        if (deadline < ScheduledDeadline)
        {
            engine.Schedule(this, deadline);
        }

        return deadline;
    }

    private void Notify(TcpEvents events) => Observer?.OnTcpEvents(this, events);
}
