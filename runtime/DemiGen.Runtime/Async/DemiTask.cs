using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// The task of a handler or coroutine running on a libOS: a libOS and the token that completes when it finishes.
/// Await it (once) from a handler or from plain async code; or pass it to <see cref="LibOS.Spawn(DemiTask)"/> to let it run unobserved.
/// </summary>
[AsyncMethodBuilder(typeof(DemiTaskMethodBuilder))]
public readonly struct DemiTask : ICriticalNotifyCompletion, IDemiAwaiter
{
    internal DemiTask(LibOS os, QToken token)
    {
        OS = os;
        Token = token;
    }

    /// <summary>The libOS whose scheduler runs the task.</summary>
    public LibOS OS { get; }

    /// <summary>The token that completes when the task finishes.</summary>
    public QToken Token { get; }

    /// <summary>True when the task has finished.</summary>
    public bool IsCompleted => OS.Tokens.IsCompleted(Token);

    /// <summary>Returns this task as its own awaiter.</summary>
    public DemiTask GetAwaiter() => this;

    /// <summary>Consumes the finished task, rethrowing its exception if it failed.</summary>
    public void GetResult() => OS.Tokens.ConsumeTask(Token);

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);
}

/// <summary>A <see cref="DemiTask"/> that produces a value.</summary>
/// <typeparam name="T">The value's type; values of up to 8 bytes without references are stored without boxing.</typeparam>
[AsyncMethodBuilder(typeof(DemiTaskMethodBuilder<>))]
public readonly struct DemiTask<T> : ICriticalNotifyCompletion, IDemiAwaiter
{
    internal DemiTask(LibOS os, QToken token)
    {
        OS = os;
        Token = token;
    }

    /// <summary>The libOS whose scheduler runs the task.</summary>
    public LibOS OS { get; }

    /// <summary>The token that completes when the task finishes.</summary>
    public QToken Token { get; }

    /// <summary>True when the task has finished.</summary>
    public bool IsCompleted => OS.Tokens.IsCompleted(Token);

    /// <summary>Returns this task as its own awaiter.</summary>
    public DemiTask<T> GetAwaiter() => this;

    /// <summary>Consumes the finished task and returns its value, rethrowing its exception if it failed.</summary>
    public T GetResult() => OS.Tokens.ConsumeTask<T>(Token);

    /// <summary>The same task without its value (for <see cref="LibOS.Spawn(DemiTask)"/>).</summary>
    public DemiTask AsTask() => new(OS, Token);

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);
}
