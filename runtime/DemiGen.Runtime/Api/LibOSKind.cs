namespace DemiGen;

/// <summary>The library operating systems behind the one queue API.</summary>
public enum LibOSKind
{
    /// <summary>In-memory queues only.</summary>
    Catmem,
    /// <summary>Non-blocking POSIX sockets over epoll: the default on any Linux.</summary>
    Catnap,
    /// <summary>io_uring.</summary>
    Catcollar,
    /// <summary>DemiGen's own user-level TCP/IP stack over a raw-frame device.</summary>
    Catnip,
}
