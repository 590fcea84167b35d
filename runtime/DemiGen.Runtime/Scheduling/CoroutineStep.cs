namespace DemiGen;

/// <summary>Why a coroutine's <see cref="ICoroutine.MoveNext"/> returned.</summary>
public readonly struct CoroutineStep
{
    private const byte DoneKind = 0;
    private const byte YieldKind = 1;
    private const byte PendingKind = 2;

    private readonly QToken token;
    private readonly byte kind;

    private CoroutineStep(byte kind, QToken token)
    {
        this.kind = kind;
        this.token = token;
    }

    /// <summary>The coroutine finished (its result, if any, was set on the context).</summary>
    public static CoroutineStep Done => default;

    /// <summary>The coroutine is runnable again after the other runnable work of this round.</summary>
    public static CoroutineStep Yield => new(YieldKind, default);

    /// <summary>The coroutine waits for <paramref name="token"/>; the scheduler resumes it when the token completes.</summary>
    public static CoroutineStep Pending(QToken token) => new(PendingKind, token);

    /// <summary>True for <see cref="Done"/>.</summary>
    public bool IsDone => kind == DoneKind;

    /// <summary>True for <see cref="Yield"/>.</summary>
    public bool IsYield => kind == YieldKind;

    /// <summary>True for <see cref="Pending"/>.</summary>
    public bool IsPending => kind == PendingKind;

    /// <summary>The awaited token of a pending step.</summary>
    public QToken Token => token;
}
