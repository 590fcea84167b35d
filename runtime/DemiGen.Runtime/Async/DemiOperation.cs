using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// An awaitable queue operation (pop, push, accept, connect, close, delay): a libOS and a token, no allocation.
/// Awaiting it yields the operation's <see cref="QResult"/>; a pop's result converts to its <see cref="Sga"/>.
/// </summary>
public readonly struct DemiOperation : ICriticalNotifyCompletion, IDemiAwaiter
{
    internal DemiOperation(LibOS os, QToken token)
    {
        OS = os;
        Token = token;
    }

    /// <summary>The libOS that runs the operation.</summary>
    public LibOS OS { get; }

    /// <summary>The operation's token; a coroutine suspends on it.</summary>
    public QToken Token { get; }

    /// <summary>True when the operation has completed.</summary>
    public bool IsCompleted => OS.Tokens.IsCompleted(Token);

    /// <summary>Returns this operation as its own awaiter.</summary>
    public DemiOperation GetAwaiter() => this;

    /// <summary>Takes the result (the token is consumed).</summary>
    public QResult GetResult() => OS.Tokens.Consume(Token);

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);
}
