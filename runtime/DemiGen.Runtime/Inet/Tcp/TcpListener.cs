namespace DemiGen.Inet.Tcp;

/// <summary>
/// A passive open on a local port: connections that finish their handshake wait in the accept queue. The backlog
/// bounds half-open plus not-yet-accepted connections; SYNs beyond it are dropped (the peer retries).
/// </summary>
internal sealed class TcpListener
{
    private readonly TcpEngine engine;
    private readonly Queue<TcpConnection> acceptQueue;

    internal TcpListener(TcpEngine engine, uint localAddress, ushort port, int backlog)
    {
        this.engine = engine;
        LocalAddress = localAddress;
        Port = port;
        Backlog = backlog;
        acceptQueue = new Queue<TcpConnection>(backlog);
    }

    /// <summary>The local address it accepts on; 0 accepts on any.</summary>
    public uint LocalAddress { get; }

    public ushort Port { get; }

    public int Backlog { get; }

    public bool IsClosed { get; private set; }

    public ITcpListenerObserver? Observer { get; set; }

    /// <summary>Connections in SYN_RECEIVED that came from this listener.</summary>
    internal int HalfOpen { get; set; }

    /// <summary>Connections ready for <see cref="Accept"/>.</summary>
    public int ReadyCount => acceptQueue.Count;

    internal bool BacklogFull => HalfOpen + acceptQueue.Count >= Backlog;

    /// <summary>The next established connection, or null when none is waiting.</summary>
    public TcpConnection? Accept()
    {
        while (acceptQueue.TryDequeue(out TcpConnection? connection))
        {
            connection.Listener = null;

            // A connection reset while it waited is of no use to the application.
            if (connection.State != TcpState.Closed)
            {
                return connection;
            }
        }

        return null;
    }

    /// <summary>Stops listening and resets the connections nobody accepted.</summary>
    public void Close()
    {
        if (IsClosed)
        {
            return;
        }

        IsClosed = true;
        while (acceptQueue.TryDequeue(out TcpConnection? connection))
        {
            connection.Listener = null;
            connection.Abort();
        }

        engine.RemoveListener(this);
    }

    internal void OnEstablished(TcpConnection connection)
    {
        HalfOpen--;
        acceptQueue.Enqueue(connection);
        Observer?.OnAcceptable(this);
    }
}
