using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>Why a coroutine's <see cref="ICoroutine.MoveNext"/> returned.</summary>
public readonly struct CoroutineStep
{
    // Done and DoneWithValue share their low two bits (zero): IsDone is one test.
    private const byte DoneKind = 0;
    private const byte YieldKind = 1;
    private const byte PendingKind = 2;
    private const byte DoneWithValueKind = 4;

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

    /// <summary>
    /// The coroutine finished with <paramref name="value"/>: the same as <see cref="TaskContext.SetResult{T}"/>
    /// followed by <see cref="Done"/>. A value of up to 8 bytes without references travels in the step itself and
    /// the scheduler stores it when it completes the task (no lookup of the task's token from the coroutine);
    /// others are set on <paramref name="context"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CoroutineStep DoneWith<T>(T value, in TaskContext context)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>() || Unsafe.SizeOf<T>() > sizeof(ulong))
        {
            context.SetResult(value);
            return default;
        }

        // The value's bytes from the lowest, as TokenTable.SetValue writes them and ReadValue reads them back. The
        // usual sizes are converted in registers: writing part of a local and reading it whole would stall the
        // store-to-load forwarding.
        ulong bits = Unsafe.SizeOf<T>() switch
        {
            1 => Unsafe.BitCast<T, byte>(value),
            2 => Unsafe.BitCast<T, ushort>(value),
            4 => Unsafe.BitCast<T, uint>(value),
            8 => Unsafe.BitCast<T, ulong>(value),
            _ => OddSizedBits(value),
        };
        return new(DoneWithValueKind, new QToken(bits));
    }

    /// <summary>The bytes of a value of 3, 5, 6 or 7 bytes, from the lowest.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong OddSizedBits<T>(T value)
    {
        ulong bits = 0;
        Unsafe.WriteUnaligned(ref Unsafe.As<ulong, byte>(ref bits), value);
        return bits;
    }

    /// <summary>True for <see cref="Done"/> (with or without a value).</summary>
    public bool IsDone => (kind & 3) == 0;

    /// <summary>True for <see cref="Yield"/>.</summary>
    public bool IsYield => kind == YieldKind;

    /// <summary>True for <see cref="Pending"/>.</summary>
    public bool IsPending => kind == PendingKind;

    /// <summary>The awaited token of a pending step.</summary>
    public QToken Token => token;

    /// <summary>True for a finished step that carries its task's value (<see cref="ValueBits"/>).</summary>
    internal bool HasValue => kind == DoneWithValueKind;

    /// <summary>The bytes of the value a finished step carries.</summary>
    internal ulong ValueBits => token.Value;
}
