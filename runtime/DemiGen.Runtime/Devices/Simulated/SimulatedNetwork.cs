namespace DemiGen;

/// <summary>
/// Drives several Catnip libOSes that share one thread, one <see cref="ManualClock"/> and simulated links: each
/// round lets every libOS run until idle, and when none can progress, moves the clock to the earliest timer or frame
/// arrival among them (discrete-event time). Deterministic for a given link seed.
/// </summary>
internal static class SimulatedNetwork
{
    /// <summary>Runs every libOS in <paramref name="stacks"/> until <paramref name="qt"/> of <paramref name="owner"/> completes, or <paramref name="limit"/> of simulated time passes (then ETIMEDOUT).</summary>
    internal static QResult Wait(ManualClock clock, LibOS owner, QToken qt, IReadOnlyList<LibOS> stacks, TimeSpan limit)
    {
        long deadline = clock.NowNanoseconds + (limit.Ticks * 100);
        while (true)
        {
            bool progress = RunUntilIdle(stacks);
            QResult result = owner.Wait(qt, TimeSpan.Zero);
            if (!IsTimeout(result, qt))
            {
                return result;
            }

            if (progress)
            {
                continue;
            }

            long next = long.MaxValue;
            foreach (LibOS os in stacks)
            {
                next = Math.Min(next, os is CatnipLibOS catnip ? catnip.NextEventNanoseconds : os.Scheduler.NextTimerDeadline);
            }

            if (next == long.MaxValue || next > deadline)
            {
                clock.AdvanceTo(deadline);
                RunUntilIdle(stacks);
                return owner.Wait(qt, TimeSpan.Zero);
            }

            if (next <= clock.NowNanoseconds)
            {
                throw new InvalidOperationException("SimulatedNetwork: an event is due but no libOS makes progress; a device or timer reports a deadline it does not act on.");
            }

            clock.AdvanceTo(next);
        }
    }

    /// <summary>Runs every libOS until none progresses without moving the clock; true if any did something.</summary>
    internal static bool RunUntilIdle(IReadOnlyList<LibOS> stacks)
    {
        bool any = false;
        bool progress = true;
        for (int round = 0; progress && round < 1_000_000; round++)
        {
            progress = false;
            foreach (LibOS os in stacks)
            {
                progress |= os.Poll();
            }

            any |= progress;
        }

        return any;
    }

    /// <summary>A wait that ended by its timeout rather than by the operation: the token is still pending.</summary>
    private static bool IsTimeout(QResult result, QToken qt) => result.Error == DemiError.ETIMEDOUT && result.Opcode == DemiOpcode.Failed && result.QDesc == default && result.QToken == qt;
}
