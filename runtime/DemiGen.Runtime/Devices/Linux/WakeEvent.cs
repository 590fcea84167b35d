namespace DemiGen;

/// <summary>An eventfd that another thread signals to end a poll() of a frame device early.</summary>
internal sealed class WakeEvent : IDisposable
{
    internal WakeEvent()
    {
        Fd = LinuxNative.EventFd(0, LinuxNative.EFD_NONBLOCK | LinuxNative.EFD_CLOEXEC);
        if (Fd < 0)
        {
            throw LinuxNative.Failure("eventfd");
        }
    }

    internal int Fd { get; private set; }

    internal unsafe void Signal()
    {
        ulong one = 1;
        LinuxNative.Write(Fd, &one, sizeof(ulong));
    }

    internal unsafe void Drain()
    {
        ulong value;
        LinuxNative.Read(Fd, &value, sizeof(ulong));
    }

    /// <summary>Blocks until <paramref name="deviceFd"/> is readable, the event is signalled, or the timeout passes.</summary>
    internal unsafe void WaitWith(int deviceFd, long timeoutNanoseconds)
    {
        LinuxNative.PollFd* fds = stackalloc LinuxNative.PollFd[2];
        fds[0] = new LinuxNative.PollFd { Fd = deviceFd, Events = LinuxNative.POLLIN };
        fds[1] = new LinuxNative.PollFd { Fd = Fd, Events = LinuxNative.POLLIN };
        if (LinuxNative.Poll(fds, 2, LinuxNative.MillisecondsFor(timeoutNanoseconds)) > 0 && fds[1].ReturnedEvents != 0)
        {
            Drain();
        }
    }

    public void Dispose()
    {
        if (Fd >= 0)
        {
            LinuxNative.Close(Fd);
            Fd = -1;
        }
    }
}
