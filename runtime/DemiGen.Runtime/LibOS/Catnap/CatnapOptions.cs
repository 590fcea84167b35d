namespace DemiGen;

/// <summary>Catnap's settings.</summary>
public sealed partial class LibOSOptions
{
    /// <summary>Bytes of the buffer one TCP or UDP pop receives into (at most 64 KiB, one segment); the popped Sga is trimmed to what arrived.</summary>
    public int CatnapReceiveBytes { get; init; } = 64 * 1024;

    /// <summary>Sets SO_REUSEPORT on every socket before it binds, so one libOS per thread can listen on the same port (shared-nothing sharding).</summary>
    public bool CatnapReusePort { get; init; }

    /// <summary>Sets TCP_NODELAY on connected TCP sockets (on by default: small pushes leave at once).</summary>
    public bool CatnapNoDelay { get; init; } = true;

    /// <summary>How many epoll events one poll of the device takes at most.</summary>
    public int CatnapEventBatch { get; init; } = 256;
}
