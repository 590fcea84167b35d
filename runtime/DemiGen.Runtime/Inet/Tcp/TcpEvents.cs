namespace DemiGen.Inet.Tcp;

/// <summary>What changed on a connection, reported to its <see cref="ITcpConnectionObserver"/>.</summary>
[Flags]
internal enum TcpEvents
{
    None = 0,
    /// <summary>The handshake finished (active open: connect succeeded).</summary>
    Established = 1,
    /// <summary>Data arrived, or the peer's FIN (end of stream) did.</summary>
    Readable = 2,
    /// <summary>Send buffer space was freed.</summary>
    Writable = 4,
    /// <summary>The connection ended: see <see cref="TcpConnection.Error"/> (None after a graceful close).</summary>
    Closed = 8,
}

/// <summary>Receives a connection's events, on the engine's thread, from inside the engine's calls.</summary>
internal interface ITcpConnectionObserver
{
    void OnTcpEvents(TcpConnection connection, TcpEvents events);
}

/// <summary>Receives a listener's events: a connection finished its handshake and can be accepted.</summary>
internal interface ITcpListenerObserver
{
    void OnAcceptable(TcpListener listener);
}
