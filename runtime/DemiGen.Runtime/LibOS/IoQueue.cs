using System.Net;

namespace DemiGen;

/// <summary>
/// One queue of a libOS (an in-memory queue, a socket). The <see cref="LibOS"/> base validates descriptors, Sga
/// ownership and tokens; a queue only starts each operation and completes its token later through the libOS.
/// </summary>
internal abstract class IoQueue
{
    internal QDesc Qd { get; set; }

    /// <summary>What the queue is, for messages ("catmem queue", "tcp socket").</summary>
    internal abstract string Kind { get; }

    internal virtual void Bind(IPEndPoint local) => throw Unsupported("Bind");

    internal virtual void Listen(int backlog) => throw Unsupported("Listen");

    internal virtual IPEndPoint LocalEndPoint => throw Unsupported("LocalEndPoint");

    internal virtual void Accept(QToken qt) => throw Unsupported("Accept");

    internal virtual void Connect(QToken qt, IPEndPoint remote) => throw Unsupported("Connect");

    internal virtual void Push(QToken qt, Sga sga) => throw Unsupported("Push");

    internal virtual void PushTo(QToken qt, Sga sga, IPEndPoint remote) => throw Unsupported("PushTo");

    internal virtual void Pop(QToken qt) => throw Unsupported("Pop");

    /// <summary>Graceful close: pending operations complete with <see cref="DemiError.ECANCELED"/>, then <paramref name="qt"/> completes.</summary>
    internal abstract void Close(QToken qt);

    /// <summary>Abortive close: released at once (a socket sends RST); pending operations complete with an error.</summary>
    internal abstract void Abort();

    protected DemiException Unsupported(string operation) => new(DemiError.EOPNOTSUPP, $"{Qd} ({Kind}) does not support {operation}.");
}
