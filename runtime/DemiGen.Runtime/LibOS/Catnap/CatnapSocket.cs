using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DemiGen.Interop;

namespace DemiGen;

/// <summary>
/// What Catnap's TCP and UDP sockets share: the descriptor, the readiness the last epoll edges reported, the
/// waiting pops (or accepts), and the pushes not yet taken by the kernel, which go out strictly in order.
/// </summary>
/// <remarks>
/// A TCP push is not sent at once: the libOS flushes the socket when it next polls, after the coroutines of the
/// round ran, so the pushes a coroutine issues before it awaits (a reply's header, a stored value, its trailer) leave
/// in one <c>sendmsg</c>. A UDP push is one datagram and is sent at once.
/// </remarks>
internal abstract unsafe class CatnapSocket : IoQueue
{
    private const int MaxIoVecs = 64;
    private const int MSG_TRUNC = 0x20;

    private readonly Queue<PendingPush> pushes = new();
    private int headSent;
    private QToken closeToken;
    private IPEndPoint? lastRemote;

    protected CatnapSocket(CatnapLibOS os, AddressFamily family, int fd)
    {
        OS = os;
        Family = family;
        Fd = fd;
        os.Track(this);
    }

    internal int Fd { get; private set; }

    protected CatnapLibOS OS { get; }

    protected AddressFamily Family { get; }

    /// <summary>Pops waiting for data, or accepts waiting for connections on a listening socket, in arrival order.</summary>
    protected Queue<QToken> Waiting { get; } = new();

    /// <summary>Last known readiness from epoll edges; cleared when a call finds the socket drained (EAGAIN, short read).</summary>
    protected bool Readable { get; set; }

    protected bool Writable { get; set; }

    /// <summary>The peer closed or reset, or the socket failed: reads never block again, so readiness is never cleared by a short read.</summary>
    protected bool HungUp { get; set; }

    protected bool Registered { get; private set; }

    protected bool Closing { get; private set; }

    protected abstract bool IsDatagram { get; }

    /// <summary>Whether queued pushes can still leave (a TCP socket that never connected cannot send them).</summary>
    protected virtual bool CanSend => true;

    internal override void Bind(IPEndPoint local)
    {
        // TCP only: lets a restarted server bind while old connections sit in TIME_WAIT. On UDP it would let two
        // sockets share a port silently.
        if (!IsDatagram)
        {
            SetOption(Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
        }

        if (OS.Options.CatnapReusePort)
        {
            SetOption(Libc.SOL_SOCKET, Libc.SO_REUSEPORT, 1);
        }

        byte* address = stackalloc byte[NativeSocketAddress.MaxLength];
        int length = NativeSocketAddress.Write(local, Family, address);
        if (length < 0)
        {
            throw new DemiException(DemiError.EAFNOSUPPORT, $"Bind: {local} is not an address of this {Family} socket {Qd}.");
        }

        if (Libc.Bind(Fd, address, length) < 0)
        {
            DemiError error = Errno.Last;
            throw new DemiException(error, $"Bind: {Qd} ({Kind}) cannot bind to {local}: {error}.");
        }
    }

    internal override IPEndPoint LocalEndPoint
    {
        get
        {
            byte* address = stackalloc byte[NativeSocketAddress.MaxLength];
            int length = NativeSocketAddress.MaxLength;
            if (Libc.GetSockName(Fd, address, &length) < 0)
            {
                DemiError error = Errno.Last;
                throw new DemiException(error, $"LocalEndPoint: getsockname on {Qd} failed: {error}.");
            }

            return NativeSocketAddress.Read(address, length)
                ?? throw new DemiException(DemiError.EAFNOSUPPORT, $"LocalEndPoint: {Qd} is bound to an address that is not IPv4 or IPv6.");
        }
    }

    internal override void Pop(QToken qt)
    {
        if (Waiting.Count == 0 && Readable && TryCompleteWaiting(qt))
        {
            return;
        }

        Waiting.Enqueue(qt);
    }

    internal override void Push(QToken qt, Sga sga) => EnqueuePush(new PendingPush(qt, sga, sga.Length, null));

    internal override void Close(QToken qt)
    {
        Closing = true;
        closeToken = qt;
        CancelWaiting(DemiError.ECANCELED);
        if (!CanSend)
        {
            FailPushes(DemiError.ECANCELED);
        }

        if (pushes.Count == 0)
        {
            FinishClose();
        }
    }

    internal override void Abort()
    {
        if (Fd < 0)
        {
            return;
        }

        CancelWaiting(DemiError.ECANCELED);
        FailPushes(DemiError.ECANCELED);
        BeforeAbort();
        CloseDescriptor();
        if (Closing)
        {
            OS.CompleteFailed(closeToken, DemiError.ECANCELED);
        }
    }

    /// <summary>Handles the events epoll reported for this socket.</summary>
    internal void OnEvents(uint events)
    {
        if ((events & (Libc.EPOLLERR | Libc.EPOLLHUP)) != 0)
        {
            HungUp = true;
            Readable = true;
            Writable = true;
        }

        if ((events & Libc.EPOLLRDHUP) != 0)
        {
            HungUp = true;
            Readable = true;
        }

        Readable |= (events & Libc.EPOLLIN) != 0;
        Writable |= (events & Libc.EPOLLOUT) != 0;
        OnReady(events);
    }

    /// <summary>Runs what the new readiness allows: waiting pops or accepts, then pending pushes.</summary>
    protected virtual void OnReady(uint events)
    {
        DrainWaiting();
        if (Writable)
        {
            FlushPushes();
        }
    }

    /// <summary>Completes <paramref name="qt"/> (a pop; an accept on a listening socket) if the socket allows it now; false when it would block.</summary>
    protected virtual bool TryCompleteWaiting(QToken qt) => TryReceive(qt);

    /// <summary>Hook before the descriptor is closed gracefully (TCP sends its FIN here).</summary>
    protected virtual void BeforeClose()
    {
    }

    /// <summary>Hook before the descriptor is closed abortively (TCP arranges for an RST here).</summary>
    protected virtual void BeforeAbort()
    {
    }

    /// <summary>Cancels waiting pops/accepts (and, for TCP, a pending connect).</summary>
    protected virtual void CancelWaiting(DemiError error)
    {
        while (Waiting.TryDequeue(out QToken qt))
        {
            OS.CompleteFailed(qt, error);
        }
    }

    protected void DrainWaiting()
    {
        while (Readable && Waiting.TryPeek(out QToken qt) && TryCompleteWaiting(qt))
        {
            Waiting.Dequeue();
        }
    }

    /// <summary>True while the libOS holds this socket in its list of sockets to flush at the next poll.</summary>
    internal bool FlushScheduled { get; set; }

    /// <summary>The libOS's deferred flush: sends what was pushed since the last poll, gathered.</summary>
    internal void FlushDeferred()
    {
        if (Fd >= 0 && Writable && pushes.Count > 0)
        {
            FlushPushes();
        }
    }

    protected void EnqueuePush(PendingPush push)
    {
        pushes.Enqueue(push);
        if (pushes.Count == 1 && Writable)
        {
            if (IsDatagram)
            {
                FlushPushes();
            }
            else
            {
                OS.ScheduleFlush(this);
            }
        }
    }

    /// <summary>Completes every queued push with <paramref name="error"/>, in order.</summary>
    protected void FailPushes(DemiError error)
    {
        headSent = 0;
        while (pushes.TryDequeue(out PendingPush push))
        {
            OS.CompletePush(push.Token, push.Sga, error);
        }
    }

    protected DemiError Register()
    {
        if (Registered)
        {
            return DemiError.None;
        }

        DemiError error = OS.Register(this);
        Registered = error == DemiError.None;
        return error;
    }

    protected void SetOption(int level, int name, int value)
    {
        if (Libc.SetSockOpt(Fd, level, name, &value, sizeof(int)) < 0)
        {
            DemiError error = Errno.Last;
            throw new DemiException(error, $"setsockopt({level}, {name}) on {Qd} failed: {error}.");
        }
    }

    /// <summary>Sends pending pushes in order until the kernel's send buffer is full; a partial write resumes from where it stopped.</summary>
    protected void FlushPushes()
    {
        while (pushes.TryPeek(out PendingPush head))
        {
            nint sent = Send(headSent, out int offered);
            if (sent >= 0)
            {
                if (IsDatagram)
                {
                    pushes.Dequeue();
                    headSent = 0;
                    OS.CompletePush(head.Token, head.Sga);
                    continue;
                }

                CompleteSent(sent);

                // Less than offered: the send buffer is full and the next EPOLLOUT edge resumes. All of it (more
                // segments queued than one sendmsg takes): go on at once.
                if (sent < offered)
                {
                    Writable = false;
                    return;
                }

                continue;
            }

            int errno = Errno.LastRaw;
            if (errno == Errno.EINTR)
            {
                continue;
            }

            if (errno == Errno.EAGAIN)
            {
                Writable = false;
                return;
            }

            // ECONNRESET, EPIPE, EMSGSIZE…: a result for this push; later ones try (and usually fail) on their own.
            pushes.Dequeue();
            headSent = 0;
            OS.CompletePush(head.Token, head.Sga, Errno.ToDemiError(errno));
        }

        if (Closing)
        {
            FinishClose();
        }
    }

    // A stream send took `sent` bytes from the head push's `headSent` on: complete every push it covered.
    private void CompleteSent(nint sent)
    {
        long remaining = headSent + (long)sent;
        while (pushes.TryPeek(out PendingPush push) && remaining >= push.Total)
        {
            remaining -= push.Total;
            pushes.Dequeue();
            OS.CompletePush(push.Token, push.Sga);
        }

        headSent = (int)remaining;
    }

    // No zeroing of the stack buffers: every iovec and address byte used is written first.
    [SkipLocalsInit]
    private nint Send(int offset, out int offered)
    {
        offered = 0;
        Libc.IoVec* iov = stackalloc Libc.IoVec[MaxIoVecs];
        int count = 0;
        int skip = offset;
        RegisteredMemory memory = OS.Memory;
        PendingPush head = pushes.Peek();

        // From the head push's unsent bytes on; a stream gathers every queued push that fits in one sendmsg, a
        // datagram is the head push alone.
        foreach (PendingPush push in pushes)
        {
            for (int buffer = memory.FirstBufferOf(push.Sga.Index); buffer >= 0 && count < MaxIoVecs; buffer = memory.NextBuffer(buffer))
            {
                int length = memory.BufferSpan(buffer).Length;
                if (skip >= length)
                {
                    skip -= length;
                    continue;
                }

                iov[count].Base = (byte*)memory.BufferAddress(buffer) + skip;
                iov[count].Length = (nuint)(length - skip);
                offered += length - skip;
                skip = 0;
                count++;
            }

            if (IsDatagram || count == MaxIoVecs)
            {
                break;
            }
        }

        // One buffer to the connected peer (every reply of a request-response server): send(2) spares the kernel
        // copying a msghdr and an iovec array in.
        if (count == 1 && head.Destination is null)
        {
            return Libc.Send(Fd, iov[0].Base, iov[0].Length, Libc.MSG_NOSIGNAL);
        }

        Libc.MsgHdr message = default;
        message.Iov = iov;
        message.IovLength = (nuint)count;
        byte* address = stackalloc byte[NativeSocketAddress.MaxLength];
        if (head.Destination is { } destination)
        {
            int length = NativeSocketAddress.Write(destination, Family, address);
            if (length < 0)
            {
                Marshal.SetLastPInvokeError((int)DemiError.EAFNOSUPPORT);
                return -1;
            }

            message.Name = address;
            message.NameLength = length;
        }

        return Libc.SendMsg(Fd, &message, Libc.MSG_NOSIGNAL);
    }

    [SkipLocalsInit]
    private bool TryReceive(QToken qt)
    {
        int capacity = OS.ReceiveBytes;
        Sga sga = OS.Memory.Allocate(capacity);
        void* buffer = (void*)OS.Memory.BufferAddress(OS.Memory.FirstBufferOf(sga.Index));
        byte* address = stackalloc byte[NativeSocketAddress.MaxLength];
        while (true)
        {
            int addressLength = NativeSocketAddress.MaxLength;
            nint received = IsDatagram
                ? Libc.RecvFrom(Fd, buffer, (nuint)capacity, MSG_TRUNC, address, &addressLength)
                : Libc.RecvFrom(Fd, buffer, (nuint)capacity, 0, null, null);
            if (received >= 0)
            {
                CompleteReceive(qt, sga, (int)Math.Min(received, int.MaxValue), capacity, address, addressLength);
                return true;
            }

            int errno = Errno.LastRaw;
            if (errno == Errno.EINTR)
            {
                continue;
            }

            OS.Memory.Free(sga);
            if (errno == Errno.EAGAIN)
            {
                Readable = false;
                return false;
            }

            OS.CompleteFailed(qt, Errno.ToDemiError(errno));
            return true;
        }
    }

    private void CompleteReceive(QToken qt, Sga sga, int received, int capacity, byte* address, int addressLength)
    {
        if (IsDatagram)
        {
            if (received > capacity)
            {
                OS.Memory.Free(sga);
                OS.CompleteFailed(qt, DemiError.EMSGSIZE);
                return;
            }

            sga.Trim(received);
            OS.CompletePop(qt, sga, RemoteOf(address, addressLength));
            return;
        }

        if (received == 0)
        {
            // The peer closed its side: an empty Sga, and every later pop completes the same way.
            OS.Memory.Free(sga);
            OS.CompletePop(qt, default);
            return;
        }

        // A short read drained the receive queue; data arriving later raises a new edge. After a hang-up no edge
        // comes, so readiness stays set and later pops see the end of stream at once.
        if (received < capacity && !HungUp)
        {
            Readable = false;
        }

        sga.Trim(received);
        OS.CompletePop(qt, sga);
    }

    /// <summary>The datagram's sender; the last one is reused while it stays the same, so a steady peer costs no allocation.</summary>
    private IPEndPoint? RemoteOf(byte* address, int length)
    {
        if (lastRemote is not null && NativeSocketAddress.Matches(address, length, lastRemote))
        {
            return lastRemote;
        }

        lastRemote = NativeSocketAddress.Read(address, length);
        return lastRemote;
    }

    private void FinishClose()
    {
        BeforeClose();
        CloseDescriptor();
        Closing = false;
        OS.CompleteOk(closeToken, DemiOpcode.Close);
    }

    private void CloseDescriptor()
    {
        OS.Forget(Fd);
        Libc.Close(Fd);
        Fd = -1;
    }
}
