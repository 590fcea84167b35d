namespace DemiGen;

/// <summary>What operation a <see cref="QResult"/> reports.</summary>
public enum DemiOpcode : byte
{
    /// <summary>Nothing: the default value.</summary>
    Invalid = 0,
    /// <summary>A push or push-to completed.</summary>
    Push,
    /// <summary>A pop completed with an Sga (empty when the peer closed).</summary>
    Pop,
    /// <summary>An accept completed with a new queue descriptor.</summary>
    Accept,
    /// <summary>A connect completed.</summary>
    Connect,
    /// <summary>A close completed.</summary>
    Close,
    /// <summary>The operation failed; <see cref="QResult.Error"/> says why.</summary>
    Failed,
    /// <summary>A delay (timer) elapsed.</summary>
    Delay,
    /// <summary>A coroutine or DemiTask finished.</summary>
    Task,
    /// <summary>One of the operations of a WhenAny completed (the token of the WhenAny itself).</summary>
    WhenAny,
}
