using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// Awaits the first of several pending operations (<see cref="LibOS.WhenAnyAsync(DemiOperation, DemiOperation)"/>),
/// as Demikernel's wait_any does: only the operation that completes is consumed; the others stay pending and can be
/// awaited, waited or raced again afterwards. It has a token of its own, so a coroutine suspends on it like on any
/// operation, and it allocates nothing: up to four operations are held inline, more in the caller's memory.
/// </summary>
public readonly struct WhenAnyOperation : ICriticalNotifyCompletion, IDemiAwaiter
{
    private readonly QToken first;
    private readonly QToken second;
    private readonly QToken third;
    private readonly QToken fourth;
    private readonly ReadOnlyMemory<QToken> many;
    private readonly int count;

    private WhenAnyOperation(LibOS os, QToken token, QToken first, QToken second, QToken third, QToken fourth, int count, ReadOnlyMemory<QToken> many)
    {
        OS = os;
        Token = token;
        this.first = first;
        this.second = second;
        this.third = third;
        this.fourth = fourth;
        this.count = count;
        this.many = many;
    }

    /// <summary>The libOS that runs the operations.</summary>
    public LibOS OS { get; }

    /// <summary>The WhenAny's own token: it completes when the first of the operations does; a coroutine suspends on it.</summary>
    public QToken Token { get; }

    /// <summary>How many operations race.</summary>
    public int Count => count;

    /// <summary>True when one of the operations has completed.</summary>
    public bool IsCompleted => OS.Tokens.IsCompleted(Token);

    /// <summary>The token of the operation at <paramref name="index"/>.</summary>
    public QToken this[int index]
    {
        get
        {
            if ((uint)index >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"a WhenAny of {count} operations");
            }

            return TokenAt(index);
        }
    }

    /// <summary>Returns this operation as its own awaiter.</summary>
    public WhenAnyOperation GetAwaiter() => this;

    /// <summary>
    /// Takes the result: consumes the WhenAny's token and the completed operation's token, and releases the other
    /// operations, which stay pending (or completed, unclaimed) for a later await or wait.
    /// </summary>
    public WhenAnyResult GetResult()
    {
        TokenTable tokens = OS.Tokens;
        int winnerSlot = tokens.WhenAnyWinner(Token);
        int winner = -1;
        for (int i = 0; i < count; i++)
        {
            QToken qt = TokenAt(i);
            if (winner < 0 && qt.Index == winnerSlot)
            {
                winner = i;
            }
            else
            {
                tokens.LeaveWhenAny(qt, Token);
            }
        }

        tokens.ReleaseWhenAny(Token);
        if (winner < 0)
        {
            throw new InvalidOperationException($"{Token} (a WhenAny) completed through an operation that is no longer among its tokens; the memory holding them changed before the result was taken.");
        }

        return new WhenAnyResult(winner, tokens.Consume(TokenAt(winner)));
    }

    /// <inheritdoc />
    public void OnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);

    /// <inheritdoc />
    public void UnsafeOnCompleted(Action continuation) => OS.Tokens.AwaitWithContinuation(Token, continuation);

    /// <summary>Joins up to four operations' tokens (the unused ones are <see cref="QToken.None"/>) to a new WhenAny token.</summary>
    internal static WhenAnyOperation Start(LibOS os, int count, QToken first, QToken second, QToken third = default, QToken fourth = default) =>
        Join(new WhenAnyOperation(os, os.Tokens.Allocate(DemiOpcode.WhenAny, default), first, second, third, fourth, count, default));

    /// <summary>Joins the tokens in <paramref name="tokens"/> (not copied: they must not change until the result is taken).</summary>
    internal static WhenAnyOperation Start(LibOS os, ReadOnlyMemory<QToken> tokens) =>
        Join(new WhenAnyOperation(os, os.Tokens.Allocate(DemiOpcode.WhenAny, default), default, default, default, default, tokens.Length, tokens));

    /// <summary>Makes the WhenAny the waiter of each operation in order; one that completed already wins at once.</summary>
    private static WhenAnyOperation Join(WhenAnyOperation operation)
    {
        TokenTable tokens = operation.OS.Tokens;
        int joined = 0;
        try
        {
            for (; joined < operation.count; joined++)
            {
                QToken qt = operation.TokenAt(joined);
                if (tokens.JoinWhenAny(qt, operation.Token))
                {
                    tokens.CompleteWhenAny(operation.Token, qt);
                    break;
                }
            }
        }
        catch
        {
            for (int i = 0; i < joined; i++)
            {
                tokens.LeaveWhenAny(operation.TokenAt(i), operation.Token);
            }

            tokens.ReleaseWhenAny(operation.Token);
            throw;
        }

        return operation;
    }

    private QToken TokenAt(int index)
    {
        if (!many.IsEmpty)
        {
            return many.Span[index];
        }

        return index switch
        {
            0 => first,
            1 => second,
            2 => third,
            _ => fourth,
        };
    }
}
