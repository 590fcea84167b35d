using System.Net.Sockets;
using System.Runtime.InteropServices;
using DemiGen.Interop;

namespace DemiGen;

/// <summary>
/// The libOS over the kernel's own sockets: non-blocking sockets registered with one epoll instance, called
/// through LibraryImport on the thread that waits. No threads and no thread pool: the scheduler's wait loop polls
/// epoll without blocking while there is work or spin budget left, then blocks in epoll_wait until a socket event,
/// the next timer, or a post from another thread (an eventfd in the same epoll set) wakes it.
/// </summary>
internal sealed unsafe class CatnapLibOS : LibOS
{
    private const ulong WakeData = ulong.MaxValue;

    private readonly int epollFd;
    private readonly int wakeFd;
    private readonly EpollEvents events;
    private readonly List<CatnapSocket> flushes = [];
    private CatnapSocket?[] sockets = new CatnapSocket?[1024];
    private bool preciseTimeouts = true;

    internal CatnapLibOS(LibOSOptions options)
        : base(LibOSKind.Catnap, options, hasDevice: true)
    {
        if (options.CatnapReceiveBytes is < 1 or > RegisteredMemory.MaxSegmentBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.CatnapReceiveBytes, $"CatnapReceiveBytes must be between 1 and {RegisteredMemory.MaxSegmentBytes}.");
        }

        ReceiveBytes = options.CatnapReceiveBytes;
        events = new EpollEvents(Math.Max(1, options.CatnapEventBatch));
        epollFd = Libc.EpollCreate1(Libc.EPOLL_CLOEXEC);
        if (epollFd < 0)
        {
            throw new DemiException(Errno.Last, "Catnap: epoll_create1 failed.");
        }

        wakeFd = Libc.EventFd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
        if (wakeFd < 0)
        {
            DemiError error = Errno.Last;
            Libc.Close(epollFd);
            throw new DemiException(error, "Catnap: eventfd failed.");
        }

        // The eventfd is level-triggered: it stays ready until PollDevice reads (resets) its counter.
        byte* ev = stackalloc byte[16];
        EpollEvents.Write(ev, Libc.EPOLLIN, WakeData);
        if (Libc.EpollCtl(epollFd, Libc.EPOLL_CTL_ADD, wakeFd, ev) < 0)
        {
            DemiError error = Errno.Last;
            Libc.Close(wakeFd);
            Libc.Close(epollFd);
            throw new DemiException(error, "Catnap: registering the wake-up eventfd failed.");
        }
    }

    internal int ReceiveBytes { get; }

    private protected override IoQueue CreateSocket(AddressFamily family, SocketType type) =>
        type == SocketType.Stream ? CatnapTcpSocket.Create(this, family) : CatnapUdpSocket.Create(this, family);

    /// <summary>
    /// Adds a socket to the epoll set, edge-triggered, for reading and writing at once. Edge-triggered because a
    /// socket is registered once for its whole life (no epoll_ctl per operation); the socket keeps the last known
    /// readiness itself and clears it only when a call returns EAGAIN or a short read/write, after which the
    /// kernel reports the next edge.
    /// </summary>
    internal DemiError Register(CatnapSocket socket)
    {
        int fd = socket.Fd;
        if (fd >= sockets.Length)
        {
            Array.Resize(ref sockets, Math.Max(fd + 1, sockets.Length * 2));
        }

        byte* ev = stackalloc byte[16];
        EpollEvents.Write(ev, Libc.EPOLLIN | Libc.EPOLLOUT | Libc.EPOLLRDHUP | Libc.EPOLLET, (ulong)fd);
        if (Libc.EpollCtl(epollFd, Libc.EPOLL_CTL_ADD, fd, ev) < 0)
        {
            return Errno.Last;
        }

        sockets[fd] = socket;
        return DemiError.None;
    }

    /// <summary>Tracks a socket that is open (registered or not), so Dispose can close it even after its descriptor was closed.</summary>
    internal void Track(CatnapSocket socket)
    {
        if (socket.Fd >= sockets.Length)
        {
            Array.Resize(ref sockets, Math.Max(socket.Fd + 1, sockets.Length * 2));
        }

        sockets[socket.Fd] = socket;
    }

    /// <summary>The socket's descriptor is about to be closed (closing also removes it from the epoll set).</summary>
    internal void Forget(int fd)
    {
        if ((uint)fd < (uint)sockets.Length)
        {
            sockets[fd] = null;
        }
    }

    internal QDesc AddQueue(IoQueue queue) => Queues.Add(queue);

    /// <summary>Sends <paramref name="socket"/>'s new pushes at the next poll, gathered with any others it gets before then.</summary>
    internal void ScheduleFlush(CatnapSocket socket)
    {
        if (!socket.FlushScheduled)
        {
            socket.FlushScheduled = true;
            flushes.Add(socket);
        }
    }

    private protected override bool PollDevice(long timeoutNanoseconds)
    {
        // Pushes completed by the flush make coroutines runnable: then the poll must not block.
        bool flushed = FlushScheduled();
        int n = WaitForEvents(flushed ? 0 : timeoutNanoseconds);
        for (int i = 0; i < n; i++)
        {
            ulong data = events.DataAt(i);
            if (data == WakeData)
            {
                ulong counter;
                Libc.Read(wakeFd, &counter, sizeof(ulong));
                continue;
            }

            int fd = (int)data;
            // An event of a socket closed earlier in this batch may name a descriptor already reused: at worst the
            // new socket sees a spurious readiness, which costs one EAGAIN.
            if ((uint)fd < (uint)sockets.Length && sockets[fd] is { } socket)
            {
                socket.OnEvents(events.EventsAt(i));
            }
        }

        return flushed || n > 0;
    }

    private bool FlushScheduled()
    {
        if (flushes.Count == 0)
        {
            return false;
        }

        // By index: a flush that completes a push may schedule more.
        for (int i = 0; i < flushes.Count; i++)
        {
            CatnapSocket socket = flushes[i];
            socket.FlushScheduled = false;
            socket.FlushDeferred();
        }

        flushes.Clear();
        return true;
    }

    private int WaitForEvents(long timeoutNanoseconds)
    {
        int n;
        if (timeoutNanoseconds > 0 && preciseTimeouts)
        {
            Libc.TimeSpec timeout = new() { Seconds = timeoutNanoseconds / 1_000_000_000, Nanoseconds = timeoutNanoseconds % 1_000_000_000 };
            try
            {
                n = Libc.EpollPWait2(epollFd, events.Pointer, events.Capacity, &timeout, null);
            }
            catch (EntryPointNotFoundException)
            {
                // glibc older than 2.35 has no wrapper: fall back to millisecond timeouts for good.
                n = -1;
                Marshal.SetLastPInvokeError(Errno.ENOSYS);
            }

            if (n < 0 && Errno.LastRaw == Errno.ENOSYS)
            {
                preciseTimeouts = false;
                return WaitForEvents(timeoutNanoseconds);
            }
        }
        else
        {
            int milliseconds = timeoutNanoseconds <= 0 ? (int)timeoutNanoseconds : (int)Math.Min(int.MaxValue, (timeoutNanoseconds + 999_999) / 1_000_000);
            n = Libc.EpollWait(epollFd, events.Pointer, events.Capacity, milliseconds);
        }

        if (n < 0)
        {
            int errno = Errno.LastRaw;
            if (errno == Errno.EINTR)
            {
                return 0;
            }

            throw new DemiException(Errno.ToDemiError(errno), "Catnap: epoll_wait failed.");
        }

        return n;
    }

    /// <summary>Called from any thread after a post: one write to the eventfd ends a blocked epoll_wait.</summary>
    private protected override void WakeDevice()
    {
        ulong one = 1;
        Libc.Write(wakeFd, &one, sizeof(ulong));
    }

    private protected override void DisposeDevice()
    {
        foreach (CatnapSocket? socket in sockets)
        {
            socket?.Abort();
        }

        Libc.Close(wakeFd);
        Libc.Close(epollFd);
        events.Dispose();
    }
}
