using System.Net;
using DemiGen.Inet.Tcp;

namespace DemiGen;

/// <summary>
/// A TCP socket queue on the Catnip stack, backed by a <see cref="TcpConnection"/> or a <see cref="TcpListener"/> of
/// the TCP engine; it behaves like Catnap's TCP socket. A push completes once all its bytes are in the connection's
/// send buffer (copied straight from the lent Sga); a pop completes with the bytes that are in order (up to 64 KiB)
/// in a fresh Sga, or an empty Sga once the peer has closed its side; an accept completes with a new socket. Engine
/// events are acted on after the engine call that raised them (see <see cref="CatnipTcpLayer"/>).
/// </summary>
internal sealed class CatnipTcpSocket : IoQueue, ITcpConnectionObserver, ITcpListenerObserver
{
    private const int MaxPopBytes = 64 * 1024;

    private readonly CatnipTcpLayer layer;
    private readonly Queue<QToken> waiting = new();
    private readonly Queue<(QToken Token, Sga Sga, int Length)> pushes = new();
    private Mode mode;
    private ushort boundPort;
    private bool bound;
    private bool anyAddress = true;
    private TcpConnection? connection;
    private TcpListener? listener;
    private QToken connectToken;
    private QToken closeToken;
    private bool closing;
    private bool markedReady;
    private int headOffset;

    internal CatnipTcpSocket(CatnipTcpLayer layer) => this.layer = layer;

    private CatnipTcpSocket(CatnipTcpLayer layer, TcpConnection accepted)
        : this(layer)
    {
        mode = Mode.Connected;
        connection = accepted;
        accepted.Observer = this;
    }

    private enum Mode
    {
        Fresh,
        Listening,
        Connecting,
        Connected,
    }

    internal override string Kind => "catnip tcp socket";

    internal override IPEndPoint LocalEndPoint
    {
        get
        {
            IPAddress address = anyAddress && connection is null ? IPAddress.Any : layer.Config.Address.ToIPAddress();
            ushort port = connection?.Tuple.LocalPort ?? listener?.Port ?? boundPort;
            return new IPEndPoint(address, port);
        }
    }

    private LibOS OS => layer.OS;

    internal override void Bind(IPEndPoint local)
    {
        if (bound || mode != Mode.Fresh)
        {
            throw new DemiException(DemiError.EINVAL, $"Bind: {Qd} is already bound or in use.");
        }

        IPAddress ip = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new DemiException(DemiError.EAFNOSUPPORT, $"Bind: {local} is not an IPv4 endpoint; the Catnip stack speaks IPv4 only.");
        }

        Ipv4Address address = Ipv4Address.From(ip);
        if (!address.IsAny && address != layer.Config.Address)
        {
            throw new DemiException(DemiError.EADDRNOTAVAIL, $"Bind: {local.Address} is not this stack's address ({layer.Config.Address}).");
        }

        anyAddress = address.IsAny;
        boundPort = (ushort)local.Port;
        bound = true;
    }

    internal override void Listen(int backlog)
    {
        if (mode != Mode.Fresh)
        {
            throw new DemiException(DemiError.EINVAL, $"Listen: {Qd} is {mode}; only a fresh socket can listen.");
        }

        uint address = anyAddress ? 0 : layer.Config.Address.Value;
        listener = layer.Engine.Listen(address, boundPort, Math.Max(1, backlog));
        listener.Observer = this;
        mode = Mode.Listening;
    }

    internal override void Accept(QToken qt)
    {
        if (mode != Mode.Listening)
        {
            throw new DemiException(DemiError.EINVAL, $"Accept: {Qd} is not listening; call Bind and Listen first.");
        }

        waiting.Enqueue(qt);
        AcceptWaiting();
        layer.RunReady();
    }

    internal override void Connect(QToken qt, IPEndPoint remote)
    {
        if (mode != Mode.Fresh)
        {
            OS.CompleteFailed(qt, mode switch
            {
                Mode.Connecting => DemiError.EALREADY,
                Mode.Connected => DemiError.EISCONN,
                _ => DemiError.EINVAL,
            });
            return;
        }

        IPAddress ip = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            OS.CompleteFailed(qt, DemiError.EAFNOSUPPORT);
            return;
        }

        Ipv4Address address = Ipv4Address.From(ip);
        if (remote.Port == 0 || address.IsAny || address.IsBroadcast || address.IsMulticast || address == layer.Config.SubnetBroadcast)
        {
            OS.CompleteFailed(qt, DemiError.EINVAL);
            return;
        }

        if (!layer.Config.OnLink(address) && layer.Config.Gateway is null)
        {
            OS.CompleteFailed(qt, DemiError.ENETUNREACH);
            return;
        }

        try
        {
            connection = layer.Engine.Connect(layer.Config.Address.Value, boundPort, address.Value, (ushort)remote.Port);
        }
        catch (DemiException e)
        {
            OS.CompleteFailed(qt, e.Error);
            return;
        }

        connection.Observer = this;
        connectToken = qt;
        mode = Mode.Connecting;
        layer.RunReady();
    }

    internal override void Push(QToken qt, Sga sga)
    {
        if (mode is Mode.Fresh or Mode.Listening)
        {
            OS.CompletePush(qt, sga, DemiError.ENOTCONN);
            return;
        }

        pushes.Enqueue((qt, sga, OS.Memory.LengthAt(sga.Index)));
        if (mode == Mode.Connected)
        {
            FlushPushes();
            layer.RunReady();
        }
    }

    internal override void Pop(QToken qt)
    {
        switch (mode)
        {
            case Mode.Listening:
                throw new DemiException(DemiError.EINVAL, $"Pop: {Qd} is a listening socket; use Accept.");
            case Mode.Fresh:
                OS.CompleteFailed(qt, DemiError.ENOTCONN);
                return;
        }

        waiting.Enqueue(qt);
        if (mode == Mode.Connected)
        {
            CompletePops();
            layer.RunReady();
        }
    }

    internal override void Close(QToken qt)
    {
        CancelWaiting(DemiError.ECANCELED);
        switch (mode)
        {
            case Mode.Listening:
                StopListening();
                break;
            case Mode.Connecting:
                CancelConnect(DemiError.ECANCELED);
                break;
            case Mode.Connected:
                closing = true;
                closeToken = qt;
                FlushPushes();
                if (pushes.Count == 0)
                {
                    FinishClose();
                }

                layer.RunReady();
                return;
        }

        OS.CompleteOk(qt, DemiOpcode.Close);
        layer.RunReady();
    }

    internal override void Abort()
    {
        CancelWaiting(DemiError.ECANCELED);
        FailPushes(DemiError.ECANCELED);
        switch (mode)
        {
            case Mode.Listening:
                StopListening();
                break;
            case Mode.Connecting:
                CancelConnect(DemiError.ECANCELED);
                break;
            case Mode.Connected:
                TcpConnection c = Detach();
                c.Abort();
                break;
        }

        if (closing)
        {
            closing = false;
            OS.CompleteFailed(closeToken, DemiError.ECANCELED);
        }

        mode = Mode.Fresh;
        layer.RunReady();
    }

    void ITcpConnectionObserver.OnTcpEvents(TcpConnection c, TcpEvents events) => MarkReady();

    void ITcpListenerObserver.OnAcceptable(TcpListener l) => MarkReady();

    /// <summary>Acts on what the engine reported: a finished or failed handshake, data, buffer space, connections to accept.</summary>
    internal void OnReady()
    {
        markedReady = false;
        switch (mode)
        {
            case Mode.Listening:
                AcceptWaiting();
                break;
            case Mode.Connecting:
                SettleConnect();
                break;
            case Mode.Connected:
                FlushPushes();
                CompletePops();
                break;
        }
    }

    private void MarkReady()
    {
        if (!markedReady)
        {
            markedReady = true;
            layer.MarkReady(this);
        }
    }

    private void SettleConnect()
    {
        TcpConnection c = connection!;
        if (c.State == TcpState.SynSent)
        {
            return;
        }

        if (c.State == TcpState.Closed)
        {
            // Like Linux, a socket whose connect failed may try again.
            Detach();
            mode = Mode.Fresh;
            OS.CompleteFailed(connectToken, c.Error == DemiError.None ? DemiError.ECONNREFUSED : c.Error);
            CancelWaiting(DemiError.ENOTCONN);
            FailPushes(DemiError.ENOTCONN);
            return;
        }

        mode = Mode.Connected;
        OS.CompleteOk(connectToken, DemiOpcode.Connect);
        FlushPushes();
        CompletePops();
    }

    private void CancelConnect(DemiError error)
    {
        FailPushes(error);
        TcpConnection c = Detach();
        c.Close();
        mode = Mode.Fresh;
        OS.CompleteFailed(connectToken, error);
    }

    private void AcceptWaiting()
    {
        while (waiting.Count > 0 && listener!.Accept() is { } accepted)
        {
            CatnipTcpSocket socket = new(layer, accepted);
            QDesc qd = OS.Queues.Add(socket);
            TcpFourTuple tuple = accepted.Tuple;
            OS.CompleteAccept(waiting.Dequeue(), qd, new IPEndPoint(new Ipv4Address(tuple.RemoteAddress).ToIPAddress(), tuple.RemotePort));

            // Data (or a FIN) may have arrived before the accept.
            socket.MarkReady();
        }
    }

    private void StopListening()
    {
        listener!.Observer = null;
        listener.Close();
        listener = null;
        mode = Mode.Fresh;
    }

    /// <summary>Moves pushed bytes into the send buffer in order; a push completes when its last byte is in.</summary>
    private void FlushPushes()
    {
        RegisteredMemory memory = OS.Memory;
        while (pushes.TryPeek(out (QToken Token, Sga Sga, int Length) head))
        {
            DemiError error = DemiError.None;
            int skip = headOffset;
            for (int buffer = memory.FirstBufferOf(head.Sga.Index); buffer >= 0 && error == DemiError.None; buffer = memory.NextBuffer(buffer))
            {
                Span<byte> segment = memory.BufferSpan(buffer);
                if (skip >= segment.Length)
                {
                    skip -= segment.Length;
                    continue;
                }

                error = connection!.Send(segment[skip..], out int queued);
                headOffset += queued;
                if (error == DemiError.None && queued < segment.Length - skip)
                {
                    // The send buffer is full; the engine reports Writable when the peer acknowledges.
                    return;
                }

                skip = 0;
            }

            pushes.Dequeue();
            headOffset = 0;
            OS.CompletePush(head.Token, head.Sga, error);
        }

        if (closing)
        {
            FinishClose();
        }
    }

    private void CompletePops()
    {
        if (connection is not { } c)
        {
            return;
        }

        while (waiting.TryPeek(out QToken qt))
        {
            int available = c.ReadableBytes;
            if (available > 0)
            {
                int n = Math.Min(available, MaxPopBytes);
                Sga sga = OS.Memory.Allocate(n);
                int received = c.Receive(OS.Memory.BufferSpan(OS.Memory.FirstBufferOf(sga.Index))[..n]);
                waiting.Dequeue();
                OS.CompletePop(qt, sga);
                if (received != n)
                {
                    throw new InvalidOperationException($"the TCP engine had {n} readable bytes but handed over {received}");
                }

                continue;
            }

            if (c.IsEndOfStream || (c.State == TcpState.Closed && c.Error == DemiError.None))
            {
                // The peer closed its side: an empty Sga, and every later pop completes the same way.
                waiting.Dequeue();
                OS.CompletePop(qt, default);
                continue;
            }

            if (c.State == TcpState.Closed)
            {
                waiting.Dequeue();
                OS.CompleteFailed(qt, c.Error);
                continue;
            }

            return;
        }
    }

    private void FinishClose()
    {
        if (pushes.Count > 0 || !closing)
        {
            return;
        }

        closing = false;
        mode = Mode.Fresh;
        TcpConnection c = Detach();

        // The engine sends the FIN after the queued data and finishes the close on its own (FIN_WAIT, TIME_WAIT).
        c.Close();
        OS.CompleteOk(closeToken, DemiOpcode.Close);
    }

    private TcpConnection Detach()
    {
        TcpConnection c = connection!;
        c.Observer = null;
        connection = null;
        return c;
    }

    private void CancelWaiting(DemiError error)
    {
        while (waiting.TryDequeue(out QToken qt))
        {
            OS.CompleteFailed(qt, error);
        }
    }

    private void FailPushes(DemiError error)
    {
        headOffset = 0;
        while (pushes.TryDequeue(out (QToken Token, Sga Sga, int Length) push))
        {
            OS.CompletePush(push.Token, push.Sga, error);
        }
    }
}
