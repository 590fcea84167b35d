namespace DemiGen.Inet.Tcp;

/// <summary>The opening handshake: SYN, SYN-ACK and option negotiation.</summary>
internal sealed partial class TcpConnection
{
    internal void StartActiveOpen()
    {
        InitSendSpace();
        State = TcpState.SynSent;
        SendSyn();
    }

    internal void StartPassiveOpen(TcpListener listener, in TcpHeader syn)
    {
        Listener = listener;
        InitSendSpace();
        ReceiveSyn(in syn);
        State = TcpState.SynReceived;
        SendSyn();
    }

    /// <summary>RFC 6191: a SYN for a pair in TIME_WAIT may start a new connection if it is above the old sequence space.</summary>
    internal bool AcceptsNewSyn(in TcpHeader header) =>
        header.Has(TcpFlags.Syn) && !header.Has(TcpFlags.Ack) && !header.Has(TcpFlags.Rst) && header.Seq > rcvNxt;

    private void InitSendSpace()
    {
        iss = new SeqNumber(engine.NewInitialSequence(Tuple));
        sndUna = iss;
        sndNxt = iss;
        sndMax = iss;
        sendBufferSeq = iss + 1;
        recover = iss;
        rcvShift = config.WindowScaling ? WindowShiftFor(config.ReceiveBufferSize) : 0;
    }

    private static int WindowShiftFor(int bufferSize)
    {
        int shift = 0;
        while (shift < TcpOptions.MaxWindowScale && (bufferSize >> shift) > ushort.MaxValue)
        {
            shift++;
        }

        return shift;
    }

    /// <summary>Takes the peer's initial sequence number and options from its SYN (or SYN-ACK).</summary>
    private void ReceiveSyn(in TcpHeader syn)
    {
        irs = syn.Seq;
        rcvNxt = irs + 1;
        lastAckSent = rcvNxt;
        ref readonly TcpOptions o = ref syn.Options;
        peerMss = o.HasMss ? Math.Max((int)o.Mss, 64) : DefaultPeerMss;

        // An option is on only if both sides offered it; a passive side echoes only what the SYN carried.
        windowScaleOk = config.WindowScaling && o.HasWindowScale;
        sndShift = windowScaleOk ? o.WindowScale : 0;
        if (!windowScaleOk)
        {
            rcvShift = 0;
        }

        timestampsOk = config.Timestamps && o.HasTimestamps;
        if (timestampsOk)
        {
            tsRecent = o.TsVal;
        }

        sackOk = config.Sack && o.SackPermitted;

        // RFC 7323 §2.2: the window in a SYN is never scaled.
        sndWnd = syn.Window;
        maxSndWnd = sndWnd;
        sndWl1 = syn.Seq;
        sndWl2 = syn.Ack;
        congestion = CongestionController.Create(config.CongestionControl, SegmentPayload, config.InitialWindowSegments);
        rcvAdvertisedEdge = rcvNxt + Math.Min(config.ReceiveBufferSize, ushort.MaxValue);
    }

    private void SendSyn()
    {
        var h = new TcpHeader
        {
            SourcePort = Tuple.LocalPort,
            DestinationPort = Tuple.RemotePort,
            Seq = iss,
            Flags = TcpFlags.Syn,
            Window = (ushort)Math.Min(config.ReceiveBufferSize, ushort.MaxValue),
        };

        bool synAck = State == TcpState.SynReceived;
        h.Options.HasMss = true;
        h.Options.Mss = (ushort)config.Mss;
        h.Options.HasWindowScale = synAck ? windowScaleOk : config.WindowScaling;
        h.Options.WindowScale = (byte)(synAck ? rcvShift : (config.WindowScaling ? WindowShiftFor(config.ReceiveBufferSize) : 0));
        h.Options.SackPermitted = synAck ? sackOk : config.Sack;
        h.Options.HasTimestamps = synAck ? timestampsOk : config.Timestamps;
        h.Options.TsVal = TimestampNow;
        h.Options.TsEcr = synAck ? tsRecent : 0;
        if (synAck)
        {
            h.Flags |= TcpFlags.Ack;
            h.Ack = rcvNxt;
        }

        sndNxt = iss + 1;
        sndMax = SeqNumber.Max(sndMax, sndNxt);
        if (retransmitCount == 0)
        {
            rttTiming = true;
            rttSeq = iss;
            rttStart = Now;
        }

        Emit(ref h, 0, 0);
        if (RetransmitDeadline == long.MaxValue)
        {
            RetransmitDeadline = Now + rtt.Rto;
        }
    }

    /// <summary>The handshake completed (ACK of our SYN in SYN_RECEIVED, or SYN-ACK in SYN_SENT).</summary>
    private void OnEstablished()
    {
        State = finQueued ? TcpState.FinWait1 : TcpState.Established;
        RetransmitDeadline = long.MaxValue;
        if (retransmitCount > 0)
        {
            rtt.AfterSynTimeout();
        }

        retransmitCount = 0;
        if (Listener is { } listener)
        {
            if (listener.IsClosed)
            {
                Listener = null;
                Abort();
                return;
            }

            listener.OnEstablished(this);
        }
        else
        {
            Notify(TcpEvents.Established | TcpEvents.Writable);
        }
    }

    private uint TimestampNow => unchecked((uint)(Now / NanosPerMilli) + tsOffset);

    /// <summary>Payload bytes per full segment: the smaller MSS less the timestamp option (RFC 6691).</summary>
    private int SegmentPayload => Math.Min(peerMss, config.Mss) - (timestampsOk ? 12 : 0);
}
