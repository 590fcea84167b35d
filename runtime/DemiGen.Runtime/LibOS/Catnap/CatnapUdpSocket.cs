using System.Net;
using System.Net.Sockets;
using DemiGen.Interop;

namespace DemiGen;

/// <summary>A Catnap UDP socket: each pop is one datagram with its sender; each push or pushto is one datagram.</summary>
internal sealed unsafe class CatnapUdpSocket : CatnapSocket
{
    private CatnapUdpSocket(CatnapLibOS os, AddressFamily family, int fd)
        : base(os, family, fd) => Writable = true;

    internal override string Kind => "Catnap udp socket";

    protected override bool IsDatagram => true;

    internal static CatnapUdpSocket Create(CatnapLibOS os, AddressFamily family)
    {
        int domain = family == AddressFamily.InterNetwork ? Libc.AF_INET : Libc.AF_INET6;
        int fd = Libc.Socket(domain, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            DemiError error = Errno.Last;
            throw new DemiException(error, $"Socket: creating a {family} UDP socket failed: {error}.");
        }

        CatnapUdpSocket socket = new(os, family, fd);
        DemiError registered = socket.Register();
        if (registered != DemiError.None)
        {
            socket.Abort();
            throw new DemiException(registered, $"Socket: adding a UDP socket to epoll failed: {registered}.");
        }

        return socket;
    }

    /// <summary>Sets the default destination of a push and filters pops to that peer; completes at once.</summary>
    internal override void Connect(QToken qt, IPEndPoint remote)
    {
        byte* address = stackalloc byte[NativeSocketAddress.MaxLength];
        int length = NativeSocketAddress.Write(remote, Family, address);
        if (length < 0)
        {
            OS.CompleteFailed(qt, DemiError.EAFNOSUPPORT);
            return;
        }

        if (Libc.Connect(Fd, address, length) < 0)
        {
            OS.CompleteFailed(qt, Errno.Last);
            return;
        }

        OS.CompleteOk(qt, DemiOpcode.Connect);
    }

    internal override void PushTo(QToken qt, Sga sga, IPEndPoint remote) => EnqueuePush(new PendingPush(qt, sga, sga.Length, remote));
}
