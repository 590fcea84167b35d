namespace DemiKV.Protocol;

/// <summary>Request-size limits, with Redis's defaults; a request over a limit is a protocol error and closes the connection.</summary>
public sealed record RespLimits
{
    /// <summary>Longest bulk string accepted (Redis's <c>proto-max-bulk-len</c>, 512 MB).</summary>
    public long MaxBulkLength { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most arguments in one multibulk request (1M, as Redis before 7.0 enforced).</summary>
    public long MaxMultibulkCount { get; init; } = 1024 * 1024;

    /// <summary>Longest inline request and longest count line (Redis's <c>PROTO_INLINE_MAX_SIZE</c>, 64 KB).</summary>
    public int MaxInlineLength { get; init; } = 64 * 1024;
}
