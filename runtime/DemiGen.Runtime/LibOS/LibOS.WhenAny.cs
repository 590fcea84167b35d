namespace DemiGen;

public abstract partial class LibOS
{
    /// <summary>
    /// Awaits the first of two operations. The result says which completed (its <see cref="WhenAnyResult.Index"/>)
    /// and holds its <see cref="QResult"/>; only that operation is consumed: the other stays pending and can be
    /// awaited, waited or raced again. One that completed before the call wins at once (the first in argument order).
    /// No allocation. A pop with a timeout: <c>await os.WhenAnyAsync(pop, os.DelayAsync(timeout))</c>, then
    /// <see cref="CancelDelay"/> the timer if the pop won.
    /// </summary>
    public WhenAnyOperation WhenAnyAsync(DemiOperation first, DemiOperation second)
    {
        CheckWhenAny(first);
        CheckWhenAny(second);
        return WhenAnyOperation.Start(this, 2, first.Token, second.Token);
    }

    /// <summary>Awaits the first of three operations; see <see cref="WhenAnyAsync(DemiOperation, DemiOperation)"/>.</summary>
    public WhenAnyOperation WhenAnyAsync(DemiOperation first, DemiOperation second, DemiOperation third)
    {
        CheckWhenAny(first);
        CheckWhenAny(second);
        CheckWhenAny(third);
        return WhenAnyOperation.Start(this, 3, first.Token, second.Token, third.Token);
    }

    /// <summary>Awaits the first of four operations; see <see cref="WhenAnyAsync(DemiOperation, DemiOperation)"/>.</summary>
    public WhenAnyOperation WhenAnyAsync(DemiOperation first, DemiOperation second, DemiOperation third, DemiOperation fourth)
    {
        CheckWhenAny(first);
        CheckWhenAny(second);
        CheckWhenAny(third);
        CheckWhenAny(fourth);
        return WhenAnyOperation.Start(this, 4, first.Token, second.Token, third.Token, fourth.Token);
    }

    /// <summary>
    /// Awaits the first of the operations named by <paramref name="tokens"/> (from <see cref="DemiOperation.Token"/>
    /// or the token-returning calls); see <see cref="WhenAnyAsync(DemiOperation, DemiOperation)"/>. The memory is not
    /// copied: keep it unchanged until the await returns (a reused array costs no allocation per await).
    /// </summary>
    public WhenAnyOperation WhenAnyAsync(ReadOnlyMemory<QToken> tokens)
    {
        CheckThread("WhenAnyAsync");
        if (tokens.IsEmpty)
        {
            throw new ArgumentException("WhenAnyAsync needs at least one operation.", nameof(tokens));
        }

        return WhenAnyOperation.Start(this, tokens);
    }

    /// <summary>
    /// Gives up a pending delay (typically the timer that lost a <see cref="WhenAnyAsync(DemiOperation, DemiOperation)"/>
    /// race): nobody is woken by it and its token becomes invalid at once. Its timer is removed and its token freed
    /// now, so racing every pop against a long timeout holds no cancelled timers.
    /// </summary>
    public void CancelDelay(DemiOperation delay)
    {
        CheckThread("CancelDelay");
        CheckOwner(delay, "CancelDelay");
        Tokens.CancelDelay(delay.Token);
    }

    private void CheckWhenAny(DemiOperation operation)
    {
        CheckThread("WhenAnyAsync");
        CheckOwner(operation, "WhenAnyAsync");
    }

    private void CheckOwner(DemiOperation operation, string caller)
    {
        if (operation.OS != this)
        {
            throw new DemiUsageException(operation.OS is null
                ? $"{caller}: an operation is the default DemiOperation, which names no operation."
                : $"{caller}: {operation.Token} belongs to another libOS.");
        }
    }
}
