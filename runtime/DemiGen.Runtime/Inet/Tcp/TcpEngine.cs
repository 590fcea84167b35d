namespace DemiGen.Inet.Tcp;

/// <summary>
/// The TCP layer of one host: demultiplexes received segments to connections and listeners, answers strays with
/// RST, allocates ephemeral ports and runs every connection's timers. Single-threaded, driven by three calls —
/// <see cref="Receive"/> per segment from IPv4, <see cref="CheckTimers"/> whenever <see cref="NextDeadline"/> has
/// passed, and the application's calls on <see cref="TcpConnection"/> — and it sends through an
/// <see cref="ITcpSegmentSender"/>. Nothing is allocated per segment once the connections exist.
/// </summary>
internal sealed class TcpEngine
{
    private readonly Dictionary<TcpFourTuple, TcpConnection> connections = [];
    private readonly Dictionary<ushort, TcpListener> listeners = [];
    private readonly PriorityQueue<TcpConnection, long> timers = new();
    private readonly ITcpSegmentSender sender;
    private readonly Random random;
    private readonly ulong isnKey;
    private ushort nextEphemeral;

    public TcpEngine(TcpConfig config, DemiClock clock, ITcpSegmentSender sender, int? seed = null)
    {
        config.Validate();
        Config = config;
        Clock = clock;
        this.sender = sender;
        random = seed is int s ? new Random(s) : new Random();
        isnKey = (ulong)random.NextInt64();
        int span = config.EphemeralPortLast - config.EphemeralPortFirst + 1;
        nextEphemeral = (ushort)(config.EphemeralPortFirst + random.Next(span));
    }

    public TcpConfig Config { get; }

    public DemiClock Clock { get; }

    public TcpStats Stats { get; } = new();

    /// <summary>Connections the engine still tracks (including TIME_WAIT).</summary>
    public int ConnectionCount => connections.Count;

    /// <summary>The earliest timer of any connection, in clock nanoseconds; <see cref="long.MaxValue"/> when none.</summary>
    public long NextDeadline
    {
        get
        {
            // Entries are dropped lazily: a stale one (superseded, or of a closed connection) is discarded here, and
            // one whose timer was pushed later or disarmed is moved to the connection's real next deadline.
            while (timers.TryPeek(out TcpConnection? c, out long deadline))
            {
                if (deadline != c.ScheduledDeadline || c.State == TcpState.Closed)
                {
                    timers.Dequeue();
                    continue;
                }

                long actual = c.NextDeadline;
                if (actual == deadline)
                {
                    return deadline;
                }

                timers.Dequeue();
                c.ScheduledDeadline = long.MaxValue;
                if (actual != long.MaxValue)
                {
                    Schedule(c, actual);
                }
            }

            return long.MaxValue;
        }
    }

    /// <summary>Opens a listener on <paramref name="port"/> (0 picks an ephemeral port).</summary>
    /// <exception cref="DemiException">EADDRINUSE when the port already has a listener.</exception>
    public TcpListener Listen(uint localAddress, ushort port, int backlog)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(backlog, 1);
        if (port == 0)
        {
            port = AllocateEphemeralPort(0, 0);
        }

        if (listeners.ContainsKey(port))
        {
            throw new DemiException(DemiError.EADDRINUSE, $"TCP port {port} already has a listener");
        }

        var listener = new TcpListener(this, localAddress, port, backlog);
        listeners.Add(port, listener);
        return listener;
    }

    /// <summary>Starts an active open (sends the SYN); <paramref name="localPort"/> 0 picks an ephemeral port.</summary>
    /// <exception cref="DemiException">EADDRINUSE when the four-tuple is taken; EADDRNOTAVAIL when no port is free.</exception>
    public TcpConnection Connect(uint localAddress, ushort localPort, uint remoteAddress, ushort remotePort)
    {
        if (localPort == 0)
        {
            localPort = AllocateEphemeralPort(remoteAddress, remotePort);
        }

        var tuple = new TcpFourTuple(localAddress, localPort, remoteAddress, remotePort);
        if (connections.ContainsKey(tuple))
        {
            throw new DemiException(DemiError.EADDRINUSE, "a TCP connection with this address and port pair exists");
        }

        var connection = new TcpConnection(this, tuple);
        connections.Add(tuple, connection);
        connection.StartActiveOpen();
        return connection;
    }

    /// <summary>Handles one received TCP segment (the IPv4 payload) sent from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public void Receive(uint source, uint destination, ReadOnlySpan<byte> segment)
    {
        Stats.SegmentsReceived++;
        if (!TcpChecksum.IsValid(source, destination, segment))
        {
            Stats.DroppedBadChecksum++;
            return;
        }

        if (TcpHeader.TryParse(segment, out TcpHeader header) != TcpParseError.None || header.SourcePort == 0 || header.DestinationPort == 0)
        {
            Stats.DroppedMalformed++;
            return;
        }

        ReadOnlySpan<byte> payload = segment[header.HeaderLength..];
        var tuple = new TcpFourTuple(destination, header.DestinationPort, source, header.SourcePort);
        if (connections.TryGetValue(tuple, out TcpConnection? connection))
        {
            if (!(connection.State == TcpState.TimeWait && connection.AcceptsNewSyn(in header)))
            {
                connection.OnSegment(ref header, payload);
                return;
            }

            // RFC 6191: a new SYN above the old sequence space may reopen a pair in TIME_WAIT.
            connection.Terminate(DemiError.None);
        }

        if (listeners.TryGetValue(header.DestinationPort, out TcpListener? listener)
            && (listener.LocalAddress == 0 || listener.LocalAddress == destination))
        {
            OnListenerSegment(listener, tuple, ref header, payload);
            return;
        }

        Stats.DroppedNoConnection++;
        SendResetFor(tuple, in header, payload.Length);
    }

    /// <summary>Runs every timer that is due.</summary>
    public void CheckTimers()
    {
        long now = Clock.NowNanoseconds;
        while (timers.TryPeek(out TcpConnection? c, out long deadline) && deadline <= now)
        {
            timers.Dequeue();
            if (deadline != c.ScheduledDeadline || c.State == TcpState.Closed)
            {
                continue;
            }

            c.ScheduledDeadline = long.MaxValue;
            c.OnTimers(now);
            long next = c.NextDeadline;
            if (c.State != TcpState.Closed && next != long.MaxValue && next < c.ScheduledDeadline)
            {
                Schedule(c, next);
            }
        }
    }

    /// <summary>Queues <paramref name="connection"/>'s timer at <paramref name="deadline"/>, superseding its earlier entry.</summary>
    internal void Schedule(TcpConnection connection, long deadline)
    {
        connection.ScheduledDeadline = deadline;
        timers.Enqueue(connection, deadline);
    }

    private void OnListenerSegment(TcpListener listener, TcpFourTuple tuple, ref TcpHeader header, ReadOnlySpan<byte> payload)
    {
        // RFC 9293 §3.10.7.2, segment arrives in LISTEN.
        if (header.Has(TcpFlags.Rst))
        {
            return;
        }

        if (header.Has(TcpFlags.Ack))
        {
            Stats.DroppedNoConnection++;
            SendResetFor(tuple, in header, payload.Length);
            return;
        }

        if (!header.Has(TcpFlags.Syn))
        {
            Stats.DroppedNoConnection++;
            return;
        }

        if (listener.BacklogFull)
        {
            Stats.DroppedBacklogFull++;
            return;
        }

        var connection = new TcpConnection(this, tuple);
        connections.Add(tuple, connection);
        listener.HalfOpen++;
        connection.StartPassiveOpen(listener, in header);
    }

    internal void RemoveListener(TcpListener listener) => listeners.Remove(listener.Port);

    internal void Forget(TcpConnection connection) => connections.Remove(connection.Tuple);

    /// <summary>RFC 6528: a 4 µs clock plus a keyed hash of the connection's identity.</summary>
    internal uint NewInitialSequence(TcpFourTuple tuple)
    {
        if (Config.InitialSequenceSource is { } source)
        {
            return source();
        }

        ulong h = isnKey;
        h = (h ^ tuple.LocalAddress) * 0x9E3779B97F4A7C15UL;
        h = (h ^ tuple.RemoteAddress) * 0x9E3779B97F4A7C15UL;
        h = (h ^ ((ulong)tuple.LocalPort << 16 | tuple.RemotePort)) * 0x9E3779B97F4A7C15UL;
        return unchecked((uint)(Clock.NowNanoseconds / 4000) + (uint)(h >> 32));
    }

    internal uint NewTimestampOffset() => Config.RandomTimestampOffset ? (uint)random.NextInt64(0, 1L << 32) : 0;

    /// <summary>The buffer for the next segment: a connection writes it, then calls <see cref="Transmit"/>.</summary>
    internal Span<byte> BeginTransmit(int length)
    {
        Span<byte> buffer = sender.BeginSegment();
        if (buffer.Length < length)
        {
            throw new InvalidOperationException($"the segment sender's buffer ({buffer.Length} bytes) is smaller than a {length}-byte segment; it must hold Mss + 20");
        }

        return buffer;
    }

    /// <summary>Checksums the segment written into the buffer from <see cref="BeginTransmit"/> and sends it.</summary>
    internal void Transmit(Span<byte> buffer, uint source, uint destination, int length)
    {
        TcpChecksum.Fill(source, destination, buffer[..length]);
        Stats.SegmentsSent++;
        sender.CommitSegment(source, destination, length);
    }

    /// <summary>RFC 9293 §3.10.7.1: the reset answering a segment that belongs to no connection.</summary>
    internal void SendResetFor(TcpFourTuple tuple, in TcpHeader received, int payloadLength)
    {
        if (received.Has(TcpFlags.Rst))
        {
            return;
        }

        var rst = new TcpHeader { SourcePort = tuple.LocalPort, DestinationPort = tuple.RemotePort };
        if (received.Has(TcpFlags.Ack))
        {
            rst.Seq = received.Ack;
            rst.Flags = TcpFlags.Rst;
        }
        else
        {
            int length = payloadLength + (received.Has(TcpFlags.Syn) ? 1 : 0) + (received.Has(TcpFlags.Fin) ? 1 : 0);
            rst.Seq = new SeqNumber(0);
            rst.Ack = received.Seq + length;
            rst.Flags = TcpFlags.Rst | TcpFlags.Ack;
        }

        Stats.ResetsSent++;
        Span<byte> buffer = BeginTransmit(rst.EncodedLength);
        Transmit(buffer, tuple.LocalAddress, tuple.RemoteAddress, rst.Write(buffer));
    }

    private ushort AllocateEphemeralPort(uint remoteAddress, ushort remotePort)
    {
        int first = Config.EphemeralPortFirst;
        int span = Config.EphemeralPortLast - first + 1;
        for (int tries = 0; tries < span; tries++)
        {
            ushort port = nextEphemeral;
            nextEphemeral = (ushort)(first + ((port - first + 1) % span));
            if (!listeners.ContainsKey(port) && !PortInUse(port, remoteAddress, remotePort))
            {
                return port;
            }
        }

        throw new DemiException(DemiError.EADDRNOTAVAIL, "no free ephemeral TCP port");
    }

    private bool PortInUse(ushort port, uint remoteAddress, ushort remotePort)
    {
        foreach (TcpFourTuple t in connections.Keys)
        {
            if (t.LocalPort == port && (remotePort == 0 || (t.RemoteAddress == remoteAddress && t.RemotePort == remotePort)))
            {
                return true;
            }
        }

        return false;
    }
}
