using System.Runtime.InteropServices;

namespace DemiGen;

/// <summary>The libc calls the Linux frame devices use (LibraryImport: no marshalling stubs at run time).</summary>
internal static unsafe partial class LinuxNative
{
    internal const int AF_PACKET = 17;
    internal const int SOCK_RAW = 3;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;
    internal const int O_RDWR = 2;
    internal const int O_RDONLY = 0;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;
    internal const int EAGAIN = 11;
    internal const int EINTR = 4;
    internal const int PROT_READ = 1;
    internal const int PROT_WRITE = 2;
    internal const int MAP_SHARED = 1;
    internal const short POLLIN = 1;
    internal const int MSG_DONTWAIT = 0x40;
    internal const int CLONE_NEWNET = 0x40000000;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    internal static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    internal static partial int Bind(int fd, void* address, uint length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static partial nint Send(int fd, void* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, void* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, void* buffer, nuint length);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    internal static partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(int fd, int nsType);

    internal static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>A <see cref="DemiException"/> for a failed call, with errno mapped to <see cref="DemiError"/> where it has a name.</summary>
    internal static DemiException Failure(string what)
    {
        int errno = LastError;
        DemiError error = Enum.IsDefined(typeof(DemiError), errno) ? (DemiError)errno : DemiError.EIO;
        string hint = errno is 1 or 13 ? " (raw frame devices need CAP_NET_RAW / CAP_NET_ADMIN: run as root)" : string.Empty;
        return new DemiException(error, $"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}){hint}.");
    }

    internal static int MillisecondsFor(long timeoutNanoseconds) =>
        timeoutNanoseconds < 0 ? -1 : (int)Math.Min(int.MaxValue, (timeoutNanoseconds + 999_999) / 1_000_000);

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        internal int Fd;
        internal short Events;
        internal short ReturnedEvents;
    }
}
