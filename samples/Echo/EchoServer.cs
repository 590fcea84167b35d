using System.Net;
using System.Net.Sockets;

namespace DemiGen.Samples.Echo;

/// <summary>
/// The echo server: every connection (or datagram) is sent back as it came. Zero-copy: the Sga a pop hands over
/// is pushed straight back and freed after the push completes. Written with the awaitable API.
/// </summary>
public static class EchoServer
{
    /// <summary>Opens a listening TCP socket (or a bound UDP socket) on <paramref name="local"/>.</summary>
    public static QDesc Open(LibOS os, IPEndPoint local, bool udp, int backlog = 1024)
    {
        QDesc qd = os.Socket(local.AddressFamily, udp ? SocketType.Dgram : SocketType.Stream);
        os.Bind(qd, local);
        if (!udp)
        {
            os.Listen(qd, backlog);
        }

        return qd;
    }

    /// <summary>Accepts connections until the listener is closed; each one is served by its own detached coroutine.</summary>
    public static async DemiTask AcceptLoop(LibOS os, QDesc listener)
    {
        while (true)
        {
            QResult accepted = await os.AcceptAsync(listener);
            if (accepted.Error == DemiError.ECANCELED)
            {
                return;
            }

            // Other accept failures (EMFILE, ENOBUFS) concern one connection; the server keeps accepting.
            if (!accepted.Failed)
            {
                os.Spawn(ServeConnection(os, accepted.Accepted));
            }
        }
    }

    /// <summary>Echoes one TCP connection until the peer closes or resets it, then closes it.</summary>
    public static async DemiTask ServeConnection(LibOS os, QDesc connection)
    {
        while (true)
        {
            QResult popped = await os.PopAsync(connection);
            if (popped.Failed || popped.Sga.IsEmpty)
            {
                break;
            }

            Sga data = popped.Sga;
            QResult pushed = await os.PushAsync(connection, data);
            os.SgaFree(data);
            if (pushed.Failed)
            {
                break;
            }
        }

        await os.CloseAsync(connection);
    }

    /// <summary>Echoes datagrams to their senders until the socket is closed.</summary>
    public static async DemiTask DatagramLoop(LibOS os, QDesc socket)
    {
        while (true)
        {
            QResult popped = await os.PopAsync(socket);
            if (popped.Error == DemiError.ECANCELED)
            {
                return;
            }

            if (popped.Failed || popped.Remote is null)
            {
                os.SgaFree(popped.Sga);
                continue;
            }

            Sga data = popped.Sga;
            await os.PushToAsync(socket, data, popped.Remote);
            os.SgaFree(data);
        }
    }

    /// <summary>
    /// Runs a server on the calling thread until <paramref name="stop"/> completes (from any thread): the stop
    /// wakes the libOS even while it blocks in epoll_wait.
    /// </summary>
    public static void Run(LibOS os, QDesc qd, bool udp, Task stop)
    {
        DemiTask serving = udp ? DatagramLoop(os, qd) : AcceptLoop(os, qd);
        DemiTask stopping = WaitFor(stop);
        os.WaitAny([serving.Token, stopping.Token], out QResult _);
        os.Abort(qd);
    }

    private static async DemiTask WaitFor(Task stop) => await stop;
}
