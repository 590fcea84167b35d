using System.Net;

namespace DemiGen.Inet.Tcp;

/// <summary>
/// A TCP socket queue on the Catnip stack (<c>Socket(InterNetwork, Stream)</c>): a listener or one connection of the
/// <see cref="TcpLayer"/>'s engine. Push copies the lent Sga into the send buffer and completes once every byte is
/// queued (as much as fits now, the rest as acknowledgments free space); Pop completes with the bytes ready, in a
/// fresh Sga of at most 64 KiB, an empty Sga at end of stream, or the connection's error.
/// </summary>
internal sealed class TcpSocket : IoQueue, ITcpConnectionObserver, ITcpListenerObserver
{
    private const int MaxPopBytes = 64 * 1024;

    private readonly TcpLayer tcp;
    private readonly Queue<QToken> waitingAccepts = new();
    private readonly Queue<QToken> waitingPops = new();
    private readonly Queue<PendingPush> pushes = new();
    private TcpListener? listener;
    private TcpConnection? connection;
    private QToken? connecting;
    private ushort localPort;
    private IPEndPoint? remote;

    internal TcpSocket(TcpLayer tcp) => this.tcp = tcp;

    private TcpSocket(TcpLayer tcp, TcpConnection accepted)
    {
        this.tcp = tcp;
        Attach(accepted);
    }

    internal override string Kind => "catnip tcp socket";

    private LibOS OS => tcp.OS;

    internal override IPEndPoint LocalEndPoint =>
        new(localPort == 0 ? IPAddress.Any : tcp.Ipv4.LocalAddress.ToIPAddress(), connection?.Tuple.LocalPort ?? localPort);

    internal override void Bind(IPEndPoint local)
    {
        if (localPort != 0 || listener is not null || connection is not null)
        {
            throw new DemiException(DemiError.EINVAL, $"Bind: {Qd} is already bound.");
        }

        Ipv4Address address = Ipv4Address.From(local.Address);
        if (!address.IsAny && address != tcp.Ipv4.LocalAddress)
        {
            throw new DemiException(DemiError.EADDRNOTAVAIL, $"Bind: {local.Address} is not this stack's address ({tcp.Ipv4.LocalAddress}).");
        }

        localPort = (ushort)local.Port;
    }

    internal override void Listen(int backlog)
    {
        if (connection is not null || listener is not null)
        {
            throw new DemiException(DemiError.EINVAL, $"Listen: {Qd} is already listening or connected.");
        }

        listener = tcp.Engine.Listen(tcp.Ipv4.LocalAddress.Value, localPort, Math.Max(backlog, 1));
        localPort = listener.Port;
        listener.Observer = this;
    }

    internal override void Accept(QToken qt)
    {
        if (listener is null)
        {
            OS.CompleteFailed(qt, DemiError.EINVAL);
            return;
        }

        waitingAccepts.Enqueue(qt);
        OnAcceptable(listener);
    }

    internal override void Connect(QToken qt, IPEndPoint remoteEndPoint)
    {
        if (connection is not null || listener is not null)
        {
            OS.CompleteFailed(qt, DemiError.EISCONN);
            return;
        }

        IPAddress ip = remoteEndPoint.Address.IsIPv4MappedToIPv6 ? remoteEndPoint.Address.MapToIPv4() : remoteEndPoint.Address;
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || remoteEndPoint.Port == 0)
        {
            OS.CompleteFailed(qt, DemiError.EINVAL);
            return;
        }

        try
        {
            connecting = qt;
            Attach(tcp.Engine.Connect(tcp.Ipv4.LocalAddress.Value, localPort, Ipv4Address.From(ip).Value, (ushort)remoteEndPoint.Port));
        }
        catch (DemiException e)
        {
            connecting = null;
            OS.CompleteFailed(qt, e.Error);
        }
    }

    internal override void Push(QToken qt, Sga sga)
    {
        if (connection is null)
        {
            OS.CompletePush(qt, sga, DemiError.ENOTCONN);
            return;
        }

        pushes.Enqueue(new PendingPush(qt, sga));
        SendPending();
    }

    internal override void Pop(QToken qt)
    {
        if (connection is null)
        {
            OS.CompleteFailed(qt, DemiError.ENOTCONN);
            return;
        }

        waitingPops.Enqueue(qt);
        ServePops();
    }

    internal override void Close(QToken qt)
    {
        connection?.Close();
        Release(DemiError.ECANCELED);
        OS.CompleteOk(qt, DemiOpcode.Close);
    }

    internal override void Abort()
    {
        connection?.Abort();
        Release(DemiError.ECANCELED);
    }

    public void OnAcceptable(TcpListener from)
    {
        while (waitingAccepts.Count > 0 && from.Accept() is { } accepted)
        {
            var socket = new TcpSocket(tcp, accepted);
            QDesc qd = OS.Queues.Add(socket);
            OS.CompleteAccept(waitingAccepts.Dequeue(), qd, socket.remote!);
        }
    }

    public void OnTcpEvents(TcpConnection from, TcpEvents events)
    {
        if (connecting is QToken qt && (events & (TcpEvents.Established | TcpEvents.Closed)) != 0)
        {
            connecting = null;
            if ((events & TcpEvents.Established) != 0)
            {
                OS.CompleteOk(qt, DemiOpcode.Connect);
            }
            else
            {
                OS.CompleteFailed(qt, from.Error == DemiError.None ? DemiError.ECONNREFUSED : from.Error);
            }
        }

        if ((events & (TcpEvents.Writable | TcpEvents.Closed)) != 0)
        {
            SendPending();
        }

        if ((events & (TcpEvents.Readable | TcpEvents.Closed)) != 0)
        {
            ServePops();
        }
    }

    private void Attach(TcpConnection c)
    {
        connection = c;
        c.Observer = this;
        remote = new IPEndPoint(new Ipv4Address(c.Tuple.RemoteAddress).ToIPAddress(), c.Tuple.RemotePort);
    }

    /// <summary>Moves the waiting pushes into the send buffer, in order, completing each once it is all queued.</summary>
    private void SendPending()
    {
        while (connection is not null && pushes.TryPeek(out PendingPush? push))
        {
            int offset = 0;
            int queuedNow = 0;
            DemiError error = DemiError.None;
            for (int buffer = OS.Memory.FirstBufferOf(push.Sga.Index); buffer >= 0; buffer = OS.Memory.NextBuffer(buffer))
            {
                Span<byte> segment = OS.Memory.BufferSpan(buffer);
                if (offset + segment.Length > push.Sent)
                {
                    int skip = Math.Max(push.Sent - offset, 0);
                    error = connection.Send(segment[skip..], out int queued);
                    queuedNow += queued;
                    if (error != DemiError.None || queued < segment.Length - skip)
                    {
                        break;
                    }
                }

                offset += segment.Length;
            }

            push.Sent += queuedNow;
            if (error == DemiError.None && push.Sent < push.Sga.Length)
            {
                return;
            }

            pushes.Dequeue();
            OS.CompletePush(push.Token, push.Sga, error);
        }
    }

    private void ServePops()
    {
        while (connection is not null && waitingPops.Count > 0)
        {
            if (connection.ReadableBytes > 0)
            {
                int n = Math.Min(connection.ReadableBytes, MaxPopBytes);
                Sga sga = OS.Memory.Allocate(n);
                connection.Receive(OS.Memory.BufferSpan(OS.Memory.FirstBufferOf(sga.Index))[..n]);
                OS.CompletePop(waitingPops.Dequeue(), sga, remote);
            }
            else if (connection.IsEndOfStream || (connection.State == TcpState.Closed && connection.Error == DemiError.None))
            {
                // End of stream: an empty Sga, as a zero-length read.
                Sga empty = OS.Memory.Allocate(1);
                empty.Trim(0);
                OS.CompletePop(waitingPops.Dequeue(), empty, remote);
            }
            else if (connection.State == TcpState.Closed)
            {
                OS.CompleteFailed(waitingPops.Dequeue(), connection.Error);
            }
            else
            {
                return;
            }
        }
    }

    private void Release(DemiError error)
    {
        listener?.Close();
        if (connection is not null)
        {
            connection.Observer = null;
        }

        while (waitingAccepts.TryDequeue(out QToken qt))
        {
            OS.CompleteFailed(qt, error);
        }

        while (waitingPops.TryDequeue(out QToken qt))
        {
            OS.CompleteFailed(qt, error);
        }

        while (pushes.TryDequeue(out PendingPush? push))
        {
            OS.CompletePush(push.Token, push.Sga, error);
        }

        if (connecting is QToken pending)
        {
            connecting = null;
            OS.CompleteFailed(pending, error);
        }
    }

    /// <summary>A push not yet wholly in the send buffer: its token, the lent Sga, and how many bytes went in.</summary>
    private sealed class PendingPush(QToken token, Sga sga)
    {
        public QToken Token { get; } = token;

        public Sga Sga { get; } = sga;

        public int Sent { get; set; }
    }
}
