namespace DemiGen;

/// <summary>Errors of I/O operations, named and numbered as Linux errno values. I/O failures are results, not exceptions.</summary>
public enum DemiError
{
    /// <summary>No error.</summary>
    None = 0,
    /// <summary>Operation not permitted.</summary>
    EPERM = 1,
    /// <summary>No such file or directory.</summary>
    ENOENT = 2,
    /// <summary>Interrupted system call.</summary>
    EINTR = 4,
    /// <summary>Input/output error.</summary>
    EIO = 5,
    /// <summary>Bad file descriptor.</summary>
    EBADF = 9,
    /// <summary>Resource temporarily unavailable.</summary>
    EAGAIN = 11,
    /// <summary>Out of memory.</summary>
    ENOMEM = 12,
    /// <summary>Permission denied.</summary>
    EACCES = 13,
    /// <summary>Device or resource busy.</summary>
    EBUSY = 16,
    /// <summary>Invalid argument.</summary>
    EINVAL = 22,
    /// <summary>Too many open files.</summary>
    EMFILE = 24,
    /// <summary>Broken pipe: the peer will not read any more.</summary>
    EPIPE = 32,
    /// <summary>Message too long.</summary>
    EMSGSIZE = 90,
    /// <summary>Protocol not supported.</summary>
    EPROTONOSUPPORT = 93,
    /// <summary>Operation not supported by this queue or libOS.</summary>
    EOPNOTSUPP = 95,
    /// <summary>Address family not supported.</summary>
    EAFNOSUPPORT = 97,
    /// <summary>Address already in use.</summary>
    EADDRINUSE = 98,
    /// <summary>Cannot assign requested address.</summary>
    EADDRNOTAVAIL = 99,
    /// <summary>Network is down.</summary>
    ENETDOWN = 100,
    /// <summary>Network is unreachable.</summary>
    ENETUNREACH = 101,
    /// <summary>Connection aborted.</summary>
    ECONNABORTED = 103,
    /// <summary>Connection reset by peer.</summary>
    ECONNRESET = 104,
    /// <summary>No buffer space available.</summary>
    ENOBUFS = 105,
    /// <summary>Already connected.</summary>
    EISCONN = 106,
    /// <summary>Not connected.</summary>
    ENOTCONN = 107,
    /// <summary>Timed out.</summary>
    ETIMEDOUT = 110,
    /// <summary>Connection refused.</summary>
    ECONNREFUSED = 111,
    /// <summary>No route to host.</summary>
    EHOSTUNREACH = 113,
    /// <summary>Operation already in progress.</summary>
    EALREADY = 114,
    /// <summary>Operation now in progress.</summary>
    EINPROGRESS = 115,
    /// <summary>Operation canceled, e.g. by a close of its queue.</summary>
    ECANCELED = 125,
}
