using System.Net;
using System.Net.Sockets;

namespace DemiGen;

public abstract partial class LibOS
{
    /// <summary>Creates a TCP (<see cref="SocketType.Stream"/>) or UDP (<see cref="SocketType.Dgram"/>) socket queue.</summary>
    /// <exception cref="DemiException">The libOS has no network, or the family/type is not supported.</exception>
    public QDesc Socket(AddressFamily family, SocketType type)
    {
        CheckThread("Socket");
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new DemiException(DemiError.EAFNOSUPPORT, $"Socket: address family {family} is not supported; use InterNetwork or InterNetworkV6.");
        }

        if (type is not (SocketType.Stream or SocketType.Dgram))
        {
            throw new DemiException(DemiError.EPROTONOSUPPORT, $"Socket: socket type {type} is not supported; use Stream (TCP) or Dgram (UDP).");
        }

        return queues.Add(CreateSocket(family, type));
    }

    /// <summary>Creates the libOS's socket queue; libOSes without a network refuse.</summary>
    private protected virtual IoQueue CreateSocket(AddressFamily family, SocketType type) =>
        throw new DemiException(DemiError.EOPNOTSUPP, $"Socket: the {Kind} libOS has no network; use Catnap, Catcollar or Catnip.");

    /// <summary>Binds a socket to a local endpoint (port 0 picks a free port; read it with <see cref="LocalEndPoint"/>).</summary>
    public void Bind(QDesc qd, IPEndPoint local)
    {
        CheckThread("Bind");
        ArgumentNullException.ThrowIfNull(local);
        queues.Get(qd, "Bind").Bind(local);
    }

    /// <summary>Marks a bound TCP socket as listening, with a backlog of pending connections.</summary>
    public void Listen(QDesc qd, int backlog)
    {
        CheckThread("Listen");
        ArgumentOutOfRangeException.ThrowIfNegative(backlog);
        queues.Get(qd, "Listen").Listen(backlog);
    }

    /// <summary>The endpoint a socket is bound to (after a bind to port 0, the port the system chose).</summary>
    public IPEndPoint LocalEndPoint(QDesc qd)
    {
        CheckThread("LocalEndPoint");
        return queues.Get(qd, "LocalEndPoint").LocalEndPoint;
    }

    /// <summary>Accepts one connection on a listening socket; completes with <see cref="QResult.Accepted"/>.</summary>
    public QToken Accept(QDesc qd)
    {
        CheckThread("Accept");
        IoQueue queue = queues.Get(qd, "Accept");
        QToken qt = Tokens.Allocate(DemiOpcode.Accept, qd);
        queue.Accept(qt);
        return qt;
    }

    /// <summary>Connects a TCP socket; a timeout is given to <see cref="Wait"/>.</summary>
    public QToken Connect(QDesc qd, IPEndPoint remote)
    {
        CheckThread("Connect");
        ArgumentNullException.ThrowIfNull(remote);
        IoQueue queue = queues.Get(qd, "Connect");
        QToken qt = Tokens.Allocate(DemiOpcode.Connect, qd);
        queue.Connect(qt, remote);
        return qt;
    }

    /// <summary>Sends one Sga; it is lent to the libOS (zero-copy) until the returned token completes.</summary>
    public QToken Push(QDesc qd, Sga sga)
    {
        CheckThread("Push");
        IoQueue queue = queues.Get(qd, "Push");
        Lend(sga, "Push");
        QToken qt = Tokens.Allocate(DemiOpcode.Push, qd);
        queue.Push(qt, sga);
        return qt;
    }

    /// <summary>Sends one Sga as a datagram to <paramref name="remote"/>; lent until the token completes.</summary>
    public QToken PushTo(QDesc qd, Sga sga, IPEndPoint remote)
    {
        CheckThread("PushTo");
        ArgumentNullException.ThrowIfNull(remote);
        IoQueue queue = queues.Get(qd, "PushTo");
        Lend(sga, "PushTo");
        QToken qt = Tokens.Allocate(DemiOpcode.Push, qd);
        queue.PushTo(qt, sga, remote);
        return qt;
    }

    /// <summary>Receives one Sga, which the app then owns and must free; an empty Sga means the peer closed.</summary>
    public QToken Pop(QDesc qd)
    {
        CheckThread("Pop");
        IoQueue queue = queues.Get(qd, "Pop");
        QToken qt = Tokens.Allocate(DemiOpcode.Pop, qd);
        queue.Pop(qt);
        return qt;
    }

    /// <summary>Closes a queue gracefully. The descriptor is invalid at once; its pending operations complete with <see cref="DemiError.ECANCELED"/>.</summary>
    public QToken Close(QDesc qd)
    {
        CheckThread("Close");
        IoQueue queue = queues.Get(qd, "Close");
        queues.Remove(qd);
        QToken qt = Tokens.Allocate(DemiOpcode.Close, qd);
        queue.Close(qt);
        return qt;
    }

    /// <summary>Closes a queue at once (a TCP socket sends RST); pending operations complete with an error.</summary>
    public void Abort(QDesc qd)
    {
        CheckThread("Abort");
        IoQueue queue = queues.Get(qd, "Abort");
        queues.Remove(qd);
        queue.Abort();
    }

    /// <summary>Creates an in-memory FIFO queue (Go-channel-like) on any libOS.</summary>
    public QDesc CreateQueue(int capacity = 4096)
    {
        CheckThread("CreateQueue");
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return queues.Add(new MemoryQueue(this, capacity));
    }

    internal void CompletePush(QToken qt, Sga lent, DemiError error = DemiError.None)
    {
        memory.EndLoan(lent.Index);
        Tokens.Complete(qt.Index, qt.Generation, DemiOpcode.Push, error);
    }

    internal void CompletePop(QToken qt, Sga sga, IPEndPoint? remote = null) =>
        Tokens.Complete(qt.Index, qt.Generation, DemiOpcode.Pop, DemiError.None, sga, reference: remote);

    internal void CompleteAccept(QToken qt, QDesc accepted, IPEndPoint? remote) =>
        Tokens.Complete(qt.Index, qt.Generation, DemiOpcode.Accept, DemiError.None, accepted: accepted.Value, reference: remote);

    internal void CompleteOk(QToken qt, DemiOpcode opcode) => Tokens.Complete(qt.Index, qt.Generation, opcode, DemiError.None);

    internal void CompleteFailed(QToken qt, DemiError error) => Tokens.Complete(qt.Index, qt.Generation, DemiOpcode.Failed, error);

    private void Lend(Sga sga, string operation)
    {
        if (sga.Memory is null)
        {
            throw new DemiUsageException($"{operation}: the Sga is empty (default); allocate one with SgaAlloc.");
        }

        memory.Lend(sga);
    }
}
