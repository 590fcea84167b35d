using System.Runtime.InteropServices;

namespace DemiGen.Interop;

/// <summary>errno of the last libc call, as a <see cref="DemiError"/> (whose values are Linux errno numbers).</summary>
internal static class Errno
{
    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int EINPROGRESS = 115;
    internal const int ECONNABORTED = 103;
    internal const int ENOSYS = 38;

    internal static int LastRaw => Marshal.GetLastPInvokeError();

    /// <summary>errno values without a name in <see cref="DemiError"/> keep their number.</summary>
    internal static DemiError Last => ToDemiError(Marshal.GetLastPInvokeError());

    internal static DemiError ToDemiError(int errno) => (DemiError)errno;
}
