using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>What a running coroutine knows of itself: its libOS and the token that completes when it finishes.</summary>
public readonly struct TaskContext
{
    internal TaskContext(LibOS os, QToken completion)
    {
        OS = os;
        Completion = completion;
    }

    /// <summary>The libOS whose scheduler runs the coroutine.</summary>
    public LibOS OS { get; }

    /// <summary>The token of the coroutine's <see cref="DemiTask"/>; <see cref="QToken.None"/> for a detached (spawned) coroutine.</summary>
    public QToken Completion { get; }

    /// <summary>Sets the value a <see cref="DemiTask{T}"/> returns; call just before returning <see cref="CoroutineStep.Done"/>. A detached coroutine's value is dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetResult<T>(T value)
    {
        if (Completion != QToken.None)
        {
            OS.Tokens.SetValue(Completion, value);
        }
    }
}
