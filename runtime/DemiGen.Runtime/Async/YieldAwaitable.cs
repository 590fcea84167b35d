using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>Awaiting it lets every other runnable coroutine of the libOS run once before the awaiter resumes.</summary>
public readonly struct YieldAwaitable : ICriticalNotifyCompletion, IDemiAwaiter
{
    internal YieldAwaitable(LibOS os) => OS = os;

    /// <summary>The libOS whose scheduler resumes the awaiter.</summary>
    public LibOS OS { get; }

    /// <summary>Always false: a yield always suspends.</summary>
    public bool IsCompleted => false;

    /// <summary>Returns this as its own awaiter.</summary>
    public YieldAwaitable GetAwaiter() => this;

    /// <summary>Nothing to return.</summary>
    public void GetResult()
    {
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => OS.ContinueAfterYield(continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => OS.ContinueAfterYield(continuation);
}
