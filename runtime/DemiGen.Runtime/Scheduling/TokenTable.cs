using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace DemiGen;

/// <summary>
/// Every outstanding operation's completion slot, indexed by the token's low bits. A completion goes to exactly
/// one waiter: a coroutine (woken by its task id), a continuation of the compatibility path, the app thread
/// blocked in Wait/WaitAny, a WhenAny (TokenTable.WhenAny.cs), or — with none — the unclaimed list that WaitNext
/// drains. A task's token is never on that list: its caller holds the <see cref="DemiTask"/>, the only way to read
/// the task's value or exception, and consumes it by awaiting it (or lets it go with <see cref="LibOS.Spawn(DemiTask)"/>).
/// </summary>
/// <remarks>
/// A free slot is kept ready to be taken: no waiter, no error, not listed (<see cref="Free"/> and
/// <see cref="AddSlot"/> set them), so taking it stores only what the new operation sets. A slot beyond the
/// table's used part is all zeros: its state is <see cref="TokenState.Free"/>, so a token naming it is refused
/// without a separate bounds test against the used count.
/// </remarks>
internal sealed partial class TokenTable
{
    internal const int NoWaiter = -1;
    internal const int ExternalWaiter = -2;
    internal const int ContinuationWaiter = -3;
    internal const int DetachedWaiter = -4;
    private const int NoSlot = -1;
    private const int NotListed = -2;

    private readonly Scheduler scheduler;
    private Slot[] slots = new Slot[256];
    private int count;
    private int freeHead = NoSlot;
    private int unclaimedHead = NoSlot;
    private int unclaimedTail = NoSlot;
    private object? stagedValue;

    internal TokenTable(Scheduler scheduler) => this.scheduler = scheduler;

    internal int PendingCount { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal QToken Allocate(DemiOpcode opcode, QDesc qd)
    {
        // A free slot's index is in range; freeHead is NoSlot (out of range) when none is free.
        int index = freeHead;
        Slot[] table = slots;
        ref Slot s = ref Unsafe.NullRef<Slot>();
        if ((uint)index < (uint)table.Length)
        {
            s = ref SlotAt(table, index);
            freeHead = s.Next;
        }
        else
        {
            index = AddSlot();
            s = ref SlotAt(slots, index);
        }

        s.State = TokenState.Pending;
        s.Opcode = opcode;
        s.Qd = qd.Value;
        PendingCount++;
        return QToken.From(index, s.Generation);
    }

    /// <summary>A slot never used before, at the end of the table (grown when full).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AddSlot()
    {
        if (count == slots.Length)
        {
            Array.Resize(ref slots, slots.Length * 2);
        }

        int index = count++;
        ref Slot s = ref slots[index];
        s.Generation = 1;
        s.Waiter = NoWaiter;
        s.Previous = NotListed;
        return index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsCompleted(QToken qt) => Resolve(qt, "IsCompleted").State == TokenState.Completed;

    internal void Complete(QToken qt, in QResult result) => Complete(qt.Index, qt.Generation, result.Opcode, result.Error, result.Sga, result.Accepted.Value, result.Remote);

    /// <summary>Completes the operation; a token no longer pending (consumed, or completed already) is ignored.</summary>
    internal void Complete(int index, uint generation, DemiOpcode opcode, DemiError error, Sga sga = default, int accepted = 0, object? reference = null)
    {
        ref Slot s = ref slots[index];
        if (s.Generation != generation || s.State != TokenState.Pending)
        {
            return;
        }

        Action? continuation = s.Waiter == ContinuationWaiter ? (Action)s.Reference! : null;
        s.State = TokenState.Completed;
        s.Opcode = error == DemiError.None ? opcode : DemiOpcode.Failed;
        s.Error = (short)error;
        s.Sga = sga;
        if (opcode == DemiOpcode.Task)
        {
            s.Qd = 0;
            s.Reference = reference ?? stagedValue;
            stagedValue = null;
        }
        else
        {
            s.Raw = accepted;
            s.Reference = reference;
        }

        PendingCount--;
        switch (s.Waiter)
        {
            case >= 0:
                scheduler.Wake(s.Waiter);
                break;
            case ExternalWaiter:
                scheduler.ExternalCompleted(index);
                break;
            case ContinuationWaiter:
                scheduler.EnqueueContinuation(continuation!);
                s.Waiter = NoWaiter;
                break;
            case DetachedWaiter:
                scheduler.DetachedTaskEnded(reference as ExceptionDispatchInfo);
                Free(index);
                break;
            case <= WhenAnyWaiterBase:
                CompleteForWhenAny(index);
                break;
            default:
                // A task's token waits for its DemiTask's holder; an operation's for WaitNext.
                if (opcode != DemiOpcode.Task)
                {
                    AppendUnclaimed(index);
                }

                break;
        }
    }

    /// <summary>What became of a coroutine's await on a token.</summary>
    internal enum AwaitOutcome : byte
    {
        /// <summary>The task is the token's waiter and is woken when it completes.</summary>
        Parked,

        /// <summary>The task is the token's waiter and the token has completed already: the task is runnable.</summary>
        Completed,

        /// <summary>The token is unknown, consumed or awaited by someone else (<see cref="InvalidAwaitError"/> says which).</summary>
        Refused,
    }

    /// <summary>
    /// Completes a coroutine task's token with the value its finishing step carries (<paramref name="done"/>), or the
    /// one staged by <see cref="SetValue{T}"/>. The usual
    /// waiters — a coroutine, the app thread, or none yet (the caller holds the DemiTask and reads it later) — are
    /// served here; the others take <see cref="Complete(int, uint, DemiOpcode, DemiError, Sga, int, object?)"/>.
    /// The token is the finishing task's own: pending and valid (it is freed only once completed, or by
    /// <see cref="TryTakeUnawaitedTask"/>, which leaves the task without a token).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CompleteTask(QToken qt, ExceptionDispatchInfo? failure, CoroutineStep done)
    {
        ref Slot s = ref SlotAt(slots, qt.Index);
        Debug.Assert(s.Generation == qt.Generation && s.State == TokenState.Pending, "a finishing task's token is pending");
        if (done.HasValue)
        {
            s.Raw = (long)done.ValueBits;
        }

        int waiter = s.Waiter;
        if (failure is null && stagedValue is null && (waiter >= NoWaiter || waiter == ExternalWaiter))
        {
            // A pending task token holds no reference, no Sga and no error (Free cleared them; only a continuation
            // waiter sets Reference); its opcode is Task already.
            s.State = TokenState.Completed;
            s.Qd = 0;
            PendingCount--;
            if (waiter >= 0)
            {
                scheduler.Wake(waiter);
            }
            else if (waiter == ExternalWaiter)
            {
                scheduler.ExternalCompleted(qt.Index);
            }

            return;
        }

        Complete(qt.Index, qt.Generation, DemiOpcode.Task, failure is null ? DemiError.None : DemiError.EIO, reference: failure);
    }

    /// <summary>Makes coroutine <paramref name="taskId"/> the waiter, without throwing: a refused await fails only its task.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal AwaitOutcome TryAwaitFromTask(QToken qt, int taskId)
    {
        int index = qt.Index;
        Slot[] table = slots;
        if ((uint)index >= (uint)table.Length)
        {
            return AwaitOutcome.Refused;
        }

        ref Slot s = ref SlotAt(table, index);
        if (s.Generation != qt.Generation || s.State == TokenState.Free || s.Waiter != NoWaiter)
        {
            return AwaitOutcome.Refused;
        }

        s.Waiter = taskId;
        if (s.State == TokenState.Completed)
        {
            RemoveUnclaimed(index);
            return AwaitOutcome.Completed;
        }

        return AwaitOutcome.Parked;
    }

    /// <summary>Why <see cref="TryAwaitFromTask"/> refused <paramref name="qt"/>.</summary>
    internal DemiUsageException InvalidAwaitError(QToken qt)
    {
        int index = qt.Index;
        if ((uint)index < (uint)count && slots[index].Generation == qt.Generation && slots[index].State != TokenState.Free)
        {
            return TokenErrors.AlreadyAwaited(qt, slots[index].Waiter);
        }

        return TokenErrors.Unknown(qt, "await");
    }

    internal void AwaitWithContinuation(QToken qt, Action continuation)
    {
        ref Slot s = ref Resolve(qt, "await");
        if (s.State == TokenState.Completed)
        {
            scheduler.EnqueueContinuation(continuation);
            return;
        }

        ClaimWaiter(ref s, qt, ContinuationWaiter);
        s.Reference = continuation;
    }

    /// <summary>Frees the pending, unawaited completion token of a scheduler coroutine and returns its task id.</summary>
    internal bool TryTakeUnawaitedTask(QToken qt, out int taskId)
    {
        ref Slot s = ref Resolve(qt, "Spawn");
        taskId = s.Qd - 1;
        if (s.Opcode != DemiOpcode.Task || s.State != TokenState.Pending || s.Waiter != NoWaiter || taskId < 0)
        {
            return false;
        }

        Free(qt.Index);
        return true;
    }

    internal void Detach(QToken qt)
    {
        ref Slot s = ref Resolve(qt, "Spawn");
        if (s.State == TokenState.Completed)
        {
            scheduler.DetachedTaskEnded(s.Reference as ExceptionDispatchInfo);
            Free(qt.Index);
            return;
        }

        ClaimWaiter(ref s, qt, DetachedWaiter);
    }

    /// <summary>The app thread waits on this token (Wait/WaitAny); returns true when it has completed already.</summary>
    internal bool RegisterExternal(QToken qt)
    {
        ref Slot s = ref Resolve(qt, "Wait");
        if (s.State == TokenState.Completed)
        {
            return true;
        }

        ClaimWaiter(ref s, qt, ExternalWaiter);
        return false;
    }

    internal void UnregisterExternal(QToken qt)
    {
        if ((uint)qt.Index >= (uint)count)
        {
            return;
        }

        ref Slot s = ref slots[qt.Index];
        if (s.Generation != qt.Generation || s.Waiter != ExternalWaiter)
        {
            return;
        }

        s.Waiter = NoWaiter;
        if (s.State == TokenState.Completed && s.Opcode != DemiOpcode.Task)
        {
            AppendUnclaimed(qt.Index);
        }
    }

    internal QResult Consume(QToken qt)
    {
        ref Slot s = ref Resolve(qt, "GetResult");
        if (s.State != TokenState.Completed)
        {
            TokenErrors.ThrowNotCompleted(qt);
        }

        QResult result = new(s.Opcode, new QDesc(s.Qd), qt, (DemiError)s.Error, s.Sga, new QDesc((int)s.Raw), s.Reference as IPEndPoint);
        Free(qt.Index);
        return result;
    }

    /// <summary>Consumes a finished DemiTask's token, rethrowing the coroutine's exception if it failed.</summary>
    internal void ConsumeTask(QToken qt)
    {
        ref Slot s = ref Resolve(qt, "GetResult");
        if (s.State != TokenState.Completed)
        {
            TokenErrors.ThrowTaskNotFinished(qt);
        }

        bool failed = s.Error != 0;
        ExceptionDispatchInfo? failure = failed ? s.Reference as ExceptionDispatchInfo : null;
        FreeCompletedTask(ref s, qt.Index, failed);
        failure?.Throw();
    }

    internal T ConsumeTask<T>(QToken qt)
    {
        ref Slot s = ref Resolve(qt, "GetResult");
        if (s.State != TokenState.Completed || s.Error != 0)
        {
            ThrowUnfinishedOrFailed(qt);
        }

        T value = ReadValue<T>(ref s);
        FreeCompletedTask(ref s, qt.Index, failed: false);
        return value;
    }

    /// <summary>The rare outcomes of reading a task's value, out of line: not finished yet, or failed (the token is consumed and the exception rethrown).</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowUnfinishedOrFailed(QToken qt)
    {
        ref Slot s = ref slots[qt.Index];
        if (s.State != TokenState.Completed)
        {
            TokenErrors.ThrowTaskNotFinished(qt);
        }

        DemiError error = (DemiError)s.Error;
        ExceptionDispatchInfo? failure = s.Reference as ExceptionDispatchInfo;
        Free(qt.Index);
        failure?.Throw();
        throw new InvalidOperationException($"{qt} failed with {error}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetValue<T>(QToken qt, T value)
    {
        ref Slot s = ref Resolve(qt, "SetResult");
        if (IsStoredInPlace<T>())
        {
            // Written in place at its own size: ReadValue reads the same bytes back (no store-forwarding stall).
            Unsafe.WriteUnaligned(ref Unsafe.As<long, byte>(ref s.Raw), value);
        }
        else
        {
            // A pending task token may hold a continuation in Reference; the value moves there at completion,
            // which follows at once on this thread.
            stagedValue = value;
        }
    }

    internal int DrainUnclaimed(Span<QResult> results)
    {
        int n = 0;
        while (n < results.Length && unclaimedHead != NoSlot)
        {
            int index = unclaimedHead;
            results[n++] = Consume(QToken.From(index, slots[index].Generation));
        }

        return n;
    }

    internal bool HasUnclaimed => unclaimedHead != NoSlot;

    /// <summary>Whether a task's value of type <typeparamref name="T"/> is stored in the slot's Raw bytes (else in Reference).</summary>
    private static bool IsStoredInPlace<T>() => !RuntimeHelpers.IsReferenceOrContainsReferences<T>() && Unsafe.SizeOf<T>() <= sizeof(long);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ReadValue<T>(ref Slot s)
    {
        if (IsStoredInPlace<T>())
        {
            return Unsafe.ReadUnaligned<T>(ref Unsafe.As<long, byte>(ref s.Raw));
        }

        return s.Reference is T value ? value : default!;
    }

    private void ClaimWaiter(ref Slot s, QToken qt, int waiter)
    {
        if (s.Waiter != NoWaiter)
        {
            TokenErrors.ThrowAlreadyAwaited(qt, s.Waiter);
        }

        if (s.State == TokenState.Completed)
        {
            RemoveUnclaimed(qt.Index);
        }

        s.Waiter = waiter;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Slot Resolve(QToken qt, string operation)
    {
        int index = qt.Index;
        Slot[] table = slots;
        if ((uint)index < (uint)table.Length)
        {
            ref Slot s = ref SlotAt(table, index);
            if (s.Generation == qt.Generation && s.State != TokenState.Free)
            {
                return ref s;
            }
        }

        return ref TokenErrors.ThrowUnknown<Slot>(qt, operation);
    }

    /// <summary>Slot <paramref name="index"/> of <paramref name="table"/>, which the caller has checked is in range (the JIT does not always drop its own second check).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Slot SlotAt(Slot[] table, int index)
    {
        Debug.Assert((uint)index < (uint)table.Length, "the caller checked the index");
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), (nint)(uint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Free(int index)
    {
        ref Slot s = ref slots[index];
        if (s.State == TokenState.Pending)
        {
            PendingCount--;
        }

        if (s.Previous != NotListed)
        {
            RemoveUnclaimed(index);
        }

        s.State = TokenState.Free;
        s.Generation++;
        s.Error = 0;
        s.Reference = null;
        s.Sga = default;
        s.Raw = 0;
        s.Waiter = NoWaiter;
        s.Next = freeHead;
        freeHead = index;
    }

    /// <summary>
    /// <see cref="Free"/> for a completed task's token: never on the unclaimed list, not pending, and no Sga (a
    /// task's result is a value or a reference); only a <paramref name="failed"/> one has an error to clear.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeCompletedTask(ref Slot s, int index, bool failed)
    {
        Debug.Assert(s.State == TokenState.Completed && s.Previous == NotListed && s.Sga == default, "a completed task token is unlisted and holds no Sga");
        Debug.Assert(failed || s.Error == 0, "a task read as succeeded has no error");
        s.State = TokenState.Free;
        s.Generation++;
        if (failed)
        {
            s.Error = 0;
        }

        s.Reference = null;
        s.Raw = 0;
        s.Waiter = NoWaiter;
        s.Next = freeHead;
        freeHead = index;
    }

    private void AppendUnclaimed(int index)
    {
        ref Slot s = ref slots[index];
        s.Previous = unclaimedTail;
        s.Next = NoSlot;
        if (unclaimedTail == NoSlot)
        {
            unclaimedHead = index;
        }
        else
        {
            slots[unclaimedTail].Next = index;
        }

        unclaimedTail = index;
    }

    /// <summary>Unlinks a completed slot from the unclaimed list; the usual case (it is the only one listed) is inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RemoveUnclaimed(int index)
    {
        ref Slot s = ref slots[index];
        if (s.Previous == NotListed)
        {
            return;
        }

        if (unclaimedHead == index && unclaimedTail == index)
        {
            unclaimedHead = NoSlot;
            unclaimedTail = NoSlot;
            s.Next = NoSlot;
            s.Previous = NotListed;
            return;
        }

        RemoveListedUnclaimed(index);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RemoveListedUnclaimed(int index)
    {
        ref Slot s = ref slots[index];

        if (s.Previous == NoSlot)
        {
            unclaimedHead = s.Next;
        }
        else
        {
            slots[s.Previous].Next = s.Next;
        }

        if (s.Next == NoSlot)
        {
            unclaimedTail = s.Previous;
        }
        else
        {
            slots[s.Next].Previous = s.Previous;
        }

        s.Next = NoSlot;
        s.Previous = NotListed;
    }

    private enum TokenState : byte
    {
        Free,
        Pending,
        Completed,
    }

    /// <summary>
    /// 56 bytes: the result is kept in parts and rebuilt as a QResult when consumed. Reference holds the
    /// continuation while pending, then the remote endpoint, the task's exception or its reference-type value.
    /// </summary>
    private struct Slot
    {
        public Sga Sga;
        public object? Reference;
        public long Raw;
        public uint Generation;
        public int Qd;
        public int Waiter;
        public int Next;
        public int Previous;
        public short Error;
        public TokenState State;
        public DemiOpcode Opcode;
    }
}
