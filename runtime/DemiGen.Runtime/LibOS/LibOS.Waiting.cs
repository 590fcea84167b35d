using System.Runtime.CompilerServices;

namespace DemiGen;

public abstract partial class LibOS
{
    /// <summary>
    /// Runs the libOS until <paramref name="qt"/> completes and returns its result (consuming the token), or until
    /// <paramref name="timeout"/> passes: then the result has <see cref="DemiError.ETIMEDOUT"/> and the token stays valid.
    /// </summary>
    public QResult Wait(QToken qt, TimeSpan? timeout = null)
    {
        EnterWait("Wait");
        scheduler.ExternalFiredIndexes.Clear();
        bool completed;
        try
        {
            completed = Tokens.RegisterExternal(qt) || RunUntilExternalCompletion(Deadline(timeout), "Wait");
        }
        finally
        {
            Tokens.UnregisterExternal(qt);
            scheduler.ExternalFiredIndexes.Clear();
        }

        return completed ? Tokens.Consume(qt) : new QResult(DemiOpcode.Failed, default, qt, DemiError.ETIMEDOUT);
    }

    /// <summary>
    /// Runs the libOS until one of <paramref name="qts"/> completes; returns its index and its result (consuming only
    /// that token). Returns -1 with <see cref="DemiError.ETIMEDOUT"/> when <paramref name="timeout"/> passes first.
    /// Completions are delivered to the waiter, so the tokens are not rescanned while waiting.
    /// </summary>
    public int WaitAny(ReadOnlySpan<QToken> qts, out QResult result, TimeSpan? timeout = null)
    {
        EnterWait("WaitAny");
        if (qts.IsEmpty)
        {
            throw new ArgumentException("WaitAny needs at least one token.", nameof(qts));
        }

        scheduler.ExternalFiredIndexes.Clear();
        int registered = 0;
        int done = -1;
        try
        {
            for (; registered < qts.Length; registered++)
            {
                if (Tokens.RegisterExternal(qts[registered]))
                {
                    done = registered;
                    break;
                }
            }

            if (done < 0 && RunUntilExternalCompletion(Deadline(timeout), "WaitAny"))
            {
                done = IndexOf(qts, scheduler.ExternalFiredIndexes[0]);
            }
        }
        finally
        {
            for (int i = 0; i < registered; i++)
            {
                Tokens.UnregisterExternal(qts[i]);
            }

            scheduler.ExternalFiredIndexes.Clear();
        }

        if (done < 0)
        {
            result = new QResult(DemiOpcode.Failed, default, default, DemiError.ETIMEDOUT);
            return -1;
        }

        result = Tokens.Consume(qts[done]);
        return done;
    }

    /// <summary>
    /// Batch form: runs the libOS until at least one operation nobody else waits for has completed, then fills
    /// <paramref name="results"/> with as many such completions as fit, in completion order. Returns how many (0 on timeout).
    /// </summary>
    public int WaitNext(Span<QResult> results, TimeSpan? timeout = null)
    {
        EnterWait("WaitNext");
        if (results.IsEmpty)
        {
            throw new ArgumentException("WaitNext needs room for at least one result.", nameof(results));
        }

        long deadline = Deadline(timeout);
        LibOS? previous = current;
        current = this;
        try
        {
            SpinState spin = default;
            while (!Tokens.HasUnclaimed)
            {
                if (!Step(deadline, ref spin, "WaitNext"))
                {
                    return 0;
                }
            }
        }
        finally
        {
            current = previous;
        }

        return Tokens.DrainUnclaimed(results);
    }

    /// <summary>Runs one scheduler round and polls the device once without blocking; true if anything happened.</summary>
    public bool Poll()
    {
        // Being this thread's current libOS proves the caller is on the owner thread: the usual case needs no other check.
        if (current != this || scheduler.Running || disposed)
        {
            return PollAsCurrent();
        }

        // A libOS without a device skips the virtual call: Catmem's round is only the scheduler's.
        return scheduler.RunRound() | (hasDevice && PollDevice(0));
    }

    /// <summary>Poll's checked path: from a thread whose current libOS is another one (or none), or a misuse.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool PollAsCurrent()
    {
        EnterWait("Poll");
        LibOS? previous = current;
        current = this;
        try
        {
            bool progress = scheduler.RunRound();
            return PollDevice(0) | progress;
        }
        finally
        {
            current = previous;
        }
    }

    /// <summary>Polls the device for completions; with a positive <paramref name="timeoutNanoseconds"/> (or -1: no limit) it may block until work arrives.</summary>
    private protected virtual bool PollDevice(long timeoutNanoseconds) => false;

    /// <summary>When the device's own timers (a network stack's retransmissions, ARP retries) are next due; a blocked or auto-advancing wait stops there.</summary>
    private protected virtual long DeviceDeadline => long.MaxValue;

    /// <summary>Whether <see cref="PollDevice"/> can ever complete an operation (a libOS with a network can; Catmem cannot).</summary>
    private bool HasDevice => hasDevice;

    /// <summary>Wakes a <see cref="PollDevice"/> blocked on another thread, after work was posted to this libOS.</summary>
    private protected virtual void WakeDevice() => postedSignal.Set();

    private readonly ManualResetEventSlim postedSignal = new(false);

    internal void PostFromAnyThread(Action continuation)
    {
        scheduler.Post(continuation);
        WakeDevice();
    }

    private bool RunUntilExternalCompletion(long deadline, string operation)
    {
        LibOS? previous = current;
        current = this;
        try
        {
            SpinState spin = default;
            while (scheduler.ExternalFiredIndexes.Count == 0)
            {
                if (!Step(deadline, ref spin, operation))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            current = previous;
        }
    }

    /// <summary>One iteration of a wait: run, poll, and when idle past the spin budget, block until the next event or timer. False on timeout.</summary>
    private bool Step(long deadline, ref SpinState spin, string operation)
    {
        bool progress = scheduler.RunRound();
        progress |= PollDevice(0);
        if (progress)
        {
            spin.Rounds = 0;
            return true;
        }

        long now = Clock.NowNanoseconds;
        if (now >= deadline)
        {
            return false;
        }

        if (spin.Rounds++ == 0)
        {
            spin.Since = now;
        }

        if (spin.Rounds <= Options.SpinBudget && now - spin.Since < spinTimeNanoseconds)
        {
            return true;
        }

        spin.Rounds = 0;
        long wakeAt = Math.Min(deadline, Math.Min(scheduler.NextTimerDeadline, DeviceDeadline));
        if (Clock is ManualClock manual)
        {
            if (manual.AutoAdvance && wakeAt != long.MaxValue)
            {
                manual.AdvanceTo(wakeAt);
                return true;
            }

            wakeAt = long.MaxValue;
        }

        if (wakeAt == long.MaxValue && !HasDevice && scheduler.OutstandingForeignAwaits <= 0 && !scheduler.HasPosted)
        {
            throw new DemiUsageException($"{operation} can never complete on the {Kind} libOS: no coroutine is runnable, no timer is set and nothing else can complete an operation (a deadlock).");
        }

        Block(wakeAt == long.MaxValue ? -1 : Math.Max(1, wakeAt - now));
        return true;
    }

    /// <summary>How long the current stretch of idle rounds has lasted, for the spin budget.</summary>
    private struct SpinState
    {
        public int Rounds;
        public long Since;
    }

    private void Block(long timeoutNanoseconds)
    {
        if (HasDevice)
        {
            PollDevice(timeoutNanoseconds);
            return;
        }

        int milliseconds = timeoutNanoseconds < 0 ? Timeout.Infinite : (int)Math.Min(int.MaxValue, Math.Max(1, timeoutNanoseconds / 1_000_000));
        postedSignal.Wait(milliseconds);
        postedSignal.Reset();
    }

    private void EnterWait(string operation)
    {
        CheckThread(operation);
        if (scheduler.Running)
        {
            throw new DemiUsageException($"{operation} was called from a coroutine or continuation the scheduler is running; blocking there stalls every task. Use await instead.");
        }
    }

    private long Deadline(TimeSpan? timeout)
    {
        if (timeout is not { } t)
        {
            return long.MaxValue;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(t, TimeSpan.Zero);
        long now = Clock.NowNanoseconds;
        long span = t.Ticks >= long.MaxValue / 100 ? long.MaxValue : t.Ticks * 100;
        return span > long.MaxValue - now ? long.MaxValue : now + span;
    }

    private static int IndexOf(ReadOnlySpan<QToken> qts, int tokenIndex)
    {
        for (int i = 0; i < qts.Length; i++)
        {
            if (qts[i].Index == tokenIndex)
            {
                return i;
            }
        }

        throw new InvalidOperationException("A completed token of WaitAny was not among its tokens.");
    }
}
