using System.Net;
using System.Net.Sockets;
using DemiGen.Interop;

namespace DemiGen;

/// <summary>A Catnap TCP socket: listening (accepts), connecting, or connected (pops and pushes).</summary>
internal sealed unsafe class CatnapTcpSocket : CatnapSocket
{
    private TcpState state;
    private QToken connectToken;

    private CatnapTcpSocket(CatnapLibOS os, AddressFamily family, int fd, TcpState state)
        : base(os, family, fd) => this.state = state;

    private enum TcpState
    {
        Fresh,
        Connecting,
        Connected,
        Listening,
    }

    internal override string Kind => "Catnap tcp socket";

    protected override bool IsDatagram => false;

    protected override bool CanSend => state == TcpState.Connected;

    internal static CatnapTcpSocket Create(CatnapLibOS os, AddressFamily family)
    {
        int domain = family == AddressFamily.InterNetwork ? Libc.AF_INET : Libc.AF_INET6;
        int fd = Libc.Socket(domain, Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            DemiError error = Errno.Last;
            throw new DemiException(error, $"Socket: creating a {family} TCP socket failed: {error}.");
        }

        return new CatnapTcpSocket(os, family, fd, TcpState.Fresh);
    }

    internal override void Listen(int backlog)
    {
        if (state != TcpState.Fresh)
        {
            throw new DemiException(DemiError.EINVAL, $"Listen: {Qd} is {state}; only a fresh, bound socket can listen.");
        }

        if (Libc.Listen(Fd, backlog) < 0)
        {
            DemiError error = Errno.Last;
            throw new DemiException(error, $"Listen: {Qd} cannot listen: {error}.");
        }

        DemiError registered = Register();
        if (registered != DemiError.None)
        {
            throw new DemiException(registered, $"Listen: adding {Qd} to epoll failed: {registered}.");
        }

        state = TcpState.Listening;
    }

    internal override void Accept(QToken qt)
    {
        if (state != TcpState.Listening)
        {
            throw new DemiException(DemiError.EINVAL, $"Accept: {Qd} is not listening; call Bind and Listen first.");
        }

        base.Pop(qt);
    }

    internal override void Pop(QToken qt)
    {
        if (state == TcpState.Listening)
        {
            throw new DemiException(DemiError.EINVAL, $"Pop: {Qd} is a listening socket; use Accept.");
        }

        if (state == TcpState.Fresh)
        {
            OS.CompleteFailed(qt, DemiError.ENOTCONN);
            return;
        }

        base.Pop(qt);
    }

    internal override void Push(QToken qt, Sga sga)
    {
        if (state is TcpState.Fresh or TcpState.Listening)
        {
            OS.CompletePush(qt, sga, DemiError.ENOTCONN);
            return;
        }

        base.Push(qt, sga);
    }

    internal override void Connect(QToken qt, IPEndPoint remote)
    {
        if (state != TcpState.Fresh)
        {
            OS.CompleteFailed(qt, state == TcpState.Connecting ? DemiError.EALREADY : state == TcpState.Connected ? DemiError.EISCONN : DemiError.EINVAL);
            return;
        }

        byte* address = stackalloc byte[NativeSocketAddress.MaxLength];
        int length = NativeSocketAddress.Write(remote, Family, address);
        if (length < 0)
        {
            OS.CompleteFailed(qt, DemiError.EAFNOSUPPORT);
            return;
        }

        int result;
        do
        {
            result = Libc.Connect(Fd, address, length);
        }
        while (result < 0 && Errno.LastRaw == Errno.EINTR);

        if (result < 0 && Errno.LastRaw != Errno.EINPROGRESS)
        {
            OS.CompleteFailed(qt, Errno.Last);
            return;
        }

        DemiError registered = Register();
        if (registered != DemiError.None)
        {
            OS.CompleteFailed(qt, registered);
            return;
        }

        if (result == 0)
        {
            BecomeConnected();
            OS.CompleteOk(qt, DemiOpcode.Connect);
            return;
        }

        // Completes on the first edge: EPOLLOUT when the handshake is done, EPOLLERR/HUP when it failed (SO_ERROR says why).
        state = TcpState.Connecting;
        connectToken = qt;
    }

    /// <summary>Wraps a descriptor accept4 returned: registered, connected, with the libOS's socket options.</summary>
    internal static DemiError Adopt(CatnapLibOS os, AddressFamily family, int fd, out CatnapTcpSocket? socket)
    {
        CatnapTcpSocket accepted = new(os, family, fd, TcpState.Connected);
        DemiError error = accepted.Register();
        if (error != DemiError.None)
        {
            accepted.Abort();
            socket = null;
            return error;
        }

        accepted.BecomeConnected();
        socket = accepted;
        return DemiError.None;
    }

    protected override void OnReady(uint events)
    {
        if (state == TcpState.Connecting && !FinishConnect(events))
        {
            return;
        }

        base.OnReady(events);
    }

    protected override bool TryCompleteWaiting(QToken qt) => state == TcpState.Listening ? TryAccept(qt) : base.TryCompleteWaiting(qt);

    protected override void BeforeClose()
    {
        if (state == TcpState.Connected)
        {
            Libc.Shutdown(Fd, Libc.SHUT_WR);
        }
    }

    protected override void BeforeAbort()
    {
        if (state == TcpState.Connected)
        {
            // Linger on with a zero timeout: close() discards unsent data and sends RST instead of FIN.
            Libc.Linger linger = new() { OnOff = 1, Seconds = 0 };
            Libc.SetSockOpt(Fd, Libc.SOL_SOCKET, Libc.SO_LINGER, &linger, sizeof(Libc.Linger));
        }
    }

    protected override void CancelWaiting(DemiError error)
    {
        if (state == TcpState.Connecting)
        {
            state = TcpState.Fresh;
            OS.CompleteFailed(connectToken, error);
        }

        base.CancelWaiting(error);
    }

    /// <summary>Settles a pending connect from SO_ERROR; false while the handshake is still going on.</summary>
    private bool FinishConnect(uint events)
    {
        int error = 0;
        int length = sizeof(int);
        if (Libc.GetSockOpt(Fd, Libc.SOL_SOCKET, Libc.SO_ERROR, &error, &length) < 0)
        {
            error = Errno.LastRaw;
        }

        if (error != 0)
        {
            // Linux lets a socket whose connect failed try again; forget the readiness the failure reported.
            state = TcpState.Fresh;
            Readable = Writable = HungUp = false;
            OS.CompleteFailed(connectToken, Errno.ToDemiError(error));
            CancelWaiting(DemiError.ENOTCONN);
            FailPushes(DemiError.ENOTCONN);
            return false;
        }

        if ((events & Libc.EPOLLOUT) == 0)
        {
            return false;
        }

        BecomeConnected();
        OS.CompleteOk(connectToken, DemiOpcode.Connect);
        return true;
    }

    private void BecomeConnected()
    {
        state = TcpState.Connected;
        if (OS.Options.CatnapNoDelay)
        {
            int one = 1;
            Libc.SetSockOpt(Fd, Libc.IPPROTO_TCP, Libc.TCP_NODELAY, &one, sizeof(int));
        }
    }

    private bool TryAccept(QToken qt)
    {
        byte* address = stackalloc byte[NativeSocketAddress.MaxLength];
        while (true)
        {
            int length = NativeSocketAddress.MaxLength;
            int fd = Libc.Accept4(Fd, address, &length, Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC);
            if (fd < 0)
            {
                int errno = Errno.LastRaw;
                if (errno is Errno.EINTR or Errno.ECONNABORTED)
                {
                    continue;
                }

                if (errno == Errno.EAGAIN)
                {
                    Readable = false;
                    return false;
                }

                // EMFILE, ENFILE, ENOBUFS…: this accept fails; the connection stays queued for a later one.
                OS.CompleteFailed(qt, Errno.ToDemiError(errno));
                return true;
            }

            IPEndPoint? remote = NativeSocketAddress.Read(address, length);
            DemiError error = Adopt(OS, Family, fd, out CatnapTcpSocket? socket);
            if (error != DemiError.None)
            {
                OS.CompleteFailed(qt, error);
                return true;
            }

            OS.CompleteAccept(qt, OS.AddQueue(socket!), remote);
            return true;
        }
    }
}
