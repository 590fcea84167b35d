namespace DemiGen;

/// <summary>
/// WhenAny: a WhenAny has a token of its own (opcode <see cref="DemiOpcode.WhenAny"/>) that a coroutine or a
/// continuation awaits like any other. Each of its pending operations names that token as its waiter, so the first
/// completion completes the WhenAny's token too (recording the winning slot), and nothing is rescanned. The others
/// stay claimed until the WhenAny's result is taken; then they are released, pending or completed, and can be
/// awaited or waited again.
/// </summary>
internal sealed partial class TokenTable
{
    /// <summary>A waiter at or below this value is a WhenAny: the token slot <c>WhenAnyWaiterBase - waiter</c>.</summary>
    internal const int WhenAnyWaiterBase = -16;

    /// <summary>
    /// Makes the WhenAny token <paramref name="whenAny"/> the waiter of <paramref name="qt"/>; returns true (and claims
    /// nothing) when <paramref name="qt"/> has completed already, so it wins at once.
    /// </summary>
    internal bool JoinWhenAny(QToken qt, QToken whenAny)
    {
        ref Slot s = ref Resolve(qt, "WhenAny");
        if (s.Opcode is DemiOpcode.Task or DemiOpcode.WhenAny)
        {
            throw new DemiUsageException($"WhenAny: {qt} is the token of a {(s.Opcode == DemiOpcode.Task ? "DemiTask" : "WhenAny")}; WhenAny races queue operations and delays.");
        }

        if (s.Waiter != NoWaiter)
        {
            TokenErrors.ThrowAlreadyAwaited(qt, s.Waiter);
        }

        if (s.State == TokenState.Completed)
        {
            return true;
        }

        s.Waiter = WhenAnyWaiterBase - whenAny.Index;

        // A pending slot is on no list, so Next is free to remember the WhenAny token's generation.
        s.Next = (int)whenAny.Generation;
        return false;
    }

    /// <summary>Gives <paramref name="qt"/> back to nobody's care if <paramref name="whenAny"/> still holds it; a completed one becomes unclaimed.</summary>
    internal void LeaveWhenAny(QToken qt, QToken whenAny)
    {
        if ((uint)qt.Index >= (uint)count)
        {
            return;
        }

        ref Slot s = ref slots[qt.Index];
        if (s.Generation != qt.Generation || s.State == TokenState.Free || s.Waiter != WhenAnyWaiterBase - whenAny.Index)
        {
            return;
        }

        s.Waiter = NoWaiter;
        s.Next = NoSlot;
        if (s.State == TokenState.Completed)
        {
            AppendUnclaimed(qt.Index);
        }
    }

    /// <summary>Completes a WhenAny token at once because <paramref name="winner"/> had completed before it was joined.</summary>
    internal void CompleteWhenAny(QToken whenAny, QToken winner) =>
        Complete(whenAny.Index, whenAny.Generation, DemiOpcode.WhenAny, DemiError.None, accepted: winner.Index);

    /// <summary>The token-table slot of the operation that completed a WhenAny; throws while it is still pending.</summary>
    internal int WhenAnyWinner(QToken whenAny)
    {
        ref Slot s = ref Resolve(whenAny, "GetResult");
        if (s.State != TokenState.Completed)
        {
            throw new DemiUsageException($"{whenAny} (a WhenAny) has not completed yet; await it before reading its result.");
        }

        return (int)s.Raw;
    }

    /// <summary>Frees a WhenAny token whose operations have all left it (its result was taken, or joining failed).</summary>
    internal void ReleaseWhenAny(QToken whenAny)
    {
        Resolve(whenAny, "WhenAny");
        Free(whenAny.Index);
    }

    /// <summary>
    /// Gives up a delay and nobody is woken: a pending one nobody waits for leaves the timer heap and its token is
    /// freed at once (a server that races every pop against a timeout holds no cancelled timers); one that fired is
    /// freed now.
    /// </summary>
    internal void CancelDelay(QToken qt)
    {
        ref Slot s = ref Resolve(qt, "CancelDelay");
        if (s.Opcode != DemiOpcode.Delay)
        {
            throw new DemiUsageException($"CancelDelay: {qt} is a {s.Opcode} operation, not a delay.");
        }

        if (s.State == TokenState.Pending && s.Waiter == NoWaiter && scheduler.CancelTimer(qt))
        {
            Free(qt.Index);
            return;
        }

        Detach(qt);
    }

    /// <summary>An operation joined to a WhenAny completed: the first one completes the WhenAny's token.</summary>
    private void CompleteForWhenAny(int index)
    {
        ref Slot s = ref slots[index];
        int target = WhenAnyWaiterBase - s.Waiter;
        ref Slot whenAny = ref slots[target];
        if (whenAny.Generation != (uint)s.Next || whenAny.Opcode != DemiOpcode.WhenAny)
        {
            // The WhenAny's token was consumed some other way (e.g. Wait on it): this completion is nobody's.
            s.Waiter = NoWaiter;
            AppendUnclaimed(index);
            return;
        }

        if (whenAny.State == TokenState.Pending)
        {
            Complete(target, whenAny.Generation, DemiOpcode.WhenAny, DemiError.None, accepted: index);
        }
    }
}
