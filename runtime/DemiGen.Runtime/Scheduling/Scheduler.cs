using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace DemiGen;

/// <summary>
/// One libOS's cooperative, single-threaded scheduler: coroutines in per-type slabs with task ids, the runnable
/// set as waker pages, operation tokens, timers, and the continuations of the compatibility path. It runs only when
/// the app enters the libOS by waiting (or polling).
/// </summary>
internal sealed class Scheduler
{
    private readonly LibOS os;
    /// <summary>The slab slot of a task id that holds no coroutine (finished, or free).</summary>
    private const int NotRunning = -1;

    private readonly WakerPages ready = new();
    private readonly RunQueue runQueue = new();
    private readonly TimerHeap timers = new();
    private readonly ContinuationQueue continuations = new();
    private readonly ConcurrentQueue<Action> inbox = new();
    private readonly List<int> externalFired = [];
    /// <summary>Each coroutine type's slab (a <see cref="CoroutineSlab{T}"/>), by <see cref="CoroutineTypeId{T}"/>.</summary>
    private object?[] slabs = new object?[8];
    private TaskSlot[] tasks = new TaskSlot[64];
    private int taskCount;
    private int freeTaskHead = -1;
    private int postedCount;

    internal Scheduler(LibOS os)
    {
        this.os = os;
        Tokens = new TokenTable(this);
    }

    internal TokenTable Tokens { get; }

    /// <summary>True while a coroutine or continuation runs: a blocking wait from there is a usage error.</summary>
    internal bool Running { get; private set; }

    internal int LiveTasks { get; private set; }

    internal long NextTimerDeadline => timers.NextDeadline;

    internal List<int> ExternalFiredIndexes => externalFired;

    /// <summary>Foreign awaits (e.g. a Task awaited in async DemiTask code) whose continuations will arrive through the inbox.</summary>
    internal int OutstandingForeignAwaits;

    /// <summary>Stores and schedules a coroutine; a detached one gets no completion token (nobody can await it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal QToken Spawn<T>(in T coroutine, bool detached)
        where T : struct, ICoroutine
    {
        // The slab table holds a CoroutineSlab<T> at T's id (CreateSlab puts it there): no cast check needed.
        int typeId = CoroutineTypeId<T>.Value;
        object?[] table = slabs;
        CoroutineSlab<T> slab = (uint)typeId < (uint)table.Length && table[typeId] is { } found
            ? Unsafe.As<CoroutineSlab<T>>(found)
            : CreateSlab<T>(typeId);
        int slot = slab.Add(coroutine, out CoroutinePage<T> page);
        ref TaskSlot task = ref TakeTask(out int id);

        // The completion token remembers its task (id + 1 in its queue field) so Spawn(DemiTask) can detach it.
        QToken completion = detached ? default : Tokens.Allocate(DemiOpcode.Task, new QDesc(id + 1));
        if (task.Page != page)
        {
            // A freed task id keeps its last page: reused by the same coroutine type (as a server's ids are), whose
            // free slots are taken last freed first, it mostly gets the same page and needs no GC write barrier.
            task.Page = page;
        }

        task.SlabSlot = slot;
        task.Completion = completion;
        LiveTasks++;
        RunFirstStep(page, slot, id, completion);
        return completion;
    }

    /// <summary>
    /// Runs a new coroutine up to its first suspension at once, as C# runs an async method up to its first await:
    /// a handler that needs no I/O finishes before its call returns, and the others are parked a round earlier.
    /// The page's type is known here, so its Resume is a direct call.
    /// </summary>
    private void RunFirstStep<T>(CoroutinePage<T> page, int slot, int id, QToken completion)
        where T : struct, ICoroutine
    {
        bool wasRunning = Running;
        Running = true;
        try
        {
            AfterStep(id, page.Resume(slot, new TaskContext(os, completion)));
        }
        catch (Exception e)
        {
            if (!TryFailThrown(id, e))
            {
                throw;
            }
        }
        finally
        {
            Running = wasRunning;
        }
    }

    internal void AddTimer(long deadline, QToken token) => timers.Add(deadline, token);

    /// <summary>Removes the timer of a delay token; false if it has none (it fired already).</summary>
    internal bool CancelTimer(QToken token) => timers.TryRemove(token);

    internal void Wake(int taskId) => ready.Set(taskId);

    internal void ExternalCompleted(int tokenIndex) => externalFired.Add(tokenIndex);

    internal void EnqueueContinuation(Action continuation) => continuations.Enqueue(continuation);

    /// <summary>Thread-safe: queues work for the libOS's thread (the continuation of a foreign await).</summary>
    internal void Post(Action continuation)
    {
        inbox.Enqueue(continuation);
        Interlocked.Increment(ref postedCount);
    }

    internal bool HasPosted => Volatile.Read(ref postedCount) > 0;

    internal void DetachedTaskEnded(ExceptionDispatchInfo? failure)
    {
        if (failure is not null)
        {
            os.ReportUnhandled(failure.SourceException);
        }
    }

    /// <summary>One round: due timers, posted and queued continuations, then every task runnable at its start.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool RunRound()
    {
        bool progress = timers.Count > 0 && FireDueTimers(os.Clock.NowNanoseconds);
        if (Volatile.Read(ref postedCount) > 0)
        {
            TakePosted();
        }

        // The usual rounds take their own short paths: idle, one yielded task (one handler's resume), only
        // continuations (the compatibility path). Each path's code is then profiled only by its own kind of round.
        int queued = runQueue.Count;
        int woken = ready.Count;
        int runnable = queued | woken;
        if (continuations.Count == 0)
        {
            if (runnable == 0)
            {
                return progress;
            }

            if (queued == 1 && woken == 0)
            {
                RunOnly(runQueue.TakeOnly());
                return true;
            }
        }
        else if (runnable == 0)
        {
            RunContinuationRound();
            return true;
        }

        RunWork(continuationsFirst: true);
        return true;
    }

    /// <summary>
    /// A round that starts with continuations only (async code on the compatibility path). Tasks they make
    /// runnable still run in this round, after them, as in the general round.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunContinuationRound()
    {
        Running = true;
        try
        {
            RunContinuations();
        }
        finally
        {
            Running = false;
        }

        if ((runQueue.Count | ready.Count) != 0)
        {
            RunWork(continuationsFirst: false);
        }
    }

    /// <summary>A round with one runnable task (one handler's resume): no batch to walk.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunOnly(int id)
    {
        Running = true;
        try
        {
            ref TaskSlot task = ref TaskAt(id);
            CoroutineStep step = task.Page!.Resume(task.SlabSlot, new TaskContext(os, task.Completion));
            if (step.IsYield)
            {
                runQueue.RequeueOnly(id);
            }
            else
            {
                AfterStep(id, step);
            }
        }
        catch (Exception e)
        {
            if (!TryFailThrown(id, e))
            {
                throw;
            }
        }
        finally
        {
            Running = false;
        }
    }

    /// <summary>
    /// Runs the queued continuations (unless the caller ran them), then every task runnable at that point once: those
    /// that yielded, in yield order, then the woken ones in id order. One method (one call per round) with one
    /// protected region for the whole batch, re-entered after a failure, so that Resume stays inlined in the loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunWork(bool continuationsFirst)
    {
        Running = true;
        try
        {
            if (continuationsFirst && continuations.Count > 0)
            {
                RunContinuations();
            }

            RunQueue queue = runQueue;
            if (ready.Count > 0)
            {
                ready.TakeAll(queue);
            }

            // The tasks that yield in this round wait for the next one.
            int count = queue.TakeBatch();
            int next = 0;
            while (next < count)
            {
                try
                {
                    for (; next < count; next++)
                    {
                        Resume(queue.BatchAt(next));
                    }
                }
                catch (Exception e)
                {
                    int id = queue.BatchAt(next++);
                    if (!TryFailThrown(id, e))
                    {
                        throw;
                    }
                }
            }
        }
        finally
        {
            Running = false;
        }
    }

    /// <summary>Moves the work posted from other threads to the continuation queue (out of line: the round's code stays small).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TakePosted()
    {
        while (inbox.TryDequeue(out Action? posted))
        {
            Interlocked.Decrement(ref postedCount);
            OutstandingForeignAwaits--;
            continuations.Enqueue(posted);
        }
    }

    /// <summary>Runs the continuations queued before this round (those they queue run next round).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RunContinuations()
    {
        for (int n = continuations.Count; n > 0; n--)
        {
            RunContinuation(continuations.Dequeue());
        }
    }

    private bool FireDueTimers(long now)
    {
        bool fired = false;
        while (timers.TryPopDue(now, out QToken timer))
        {
            Tokens.Complete(timer.Index, timer.Generation, DemiOpcode.Delay, DemiError.None);
            fired = true;
        }

        return fired;
    }

    private void RunContinuation(Action continuation)
    {
        try
        {
            continuation();
        }
        catch (Exception e)
        {
            os.ReportUnhandled(e);
        }
    }

    /// <summary>
    /// Fails task <paramref name="id"/> with the exception its coroutine threw and frees its slot. False when the
    /// task had finished already: the exception came after its step (an unhandled-exception handler that threw) and goes on to the caller.
    /// </summary>
    private bool TryFailThrown(int id, Exception exception)
    {
        ref TaskSlot task = ref tasks[id];
        if (task.SlabSlot == NotRunning)
        {
            return false;
        }

        task.Page!.Release(task.SlabSlot);
        Finish(id, ExceptionDispatchInfo.Capture(exception), default);
        return true;
    }

    /// <summary>Runs task <paramref name="id"/> to its next suspension; an exception its coroutine throws goes to the caller, which fails the task.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Resume(int id)
    {
        ref TaskSlot task = ref TaskAt(id);
        AfterStep(id, task.Page!.Resume(task.SlabSlot, new TaskContext(os, task.Completion)));
    }

    /// <summary>Files task <paramref name="id"/> by why its coroutine stopped: runnable next round, parked on a token, or finished.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AfterStep(int id, CoroutineStep step)
    {
        if (step.IsYield)
        {
            // A yielded task runs again next round; a queue append is cheaper than a waker bit for the most frequent suspension.
            runQueue.Enqueue(id);
        }
        else if (step.IsPending)
        {
            AwaitToken(id, step.Token);
        }
        else
        {
            // The page released the coroutine's slot already.
            Finish(id, null, step);
        }
    }

    /// <summary>Parks task <paramref name="id"/> on <paramref name="token"/>, or makes it runnable if the token has completed already.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AwaitToken(int id, QToken token)
    {
        switch (Tokens.TryAwaitFromTask(token, id))
        {
            case TokenTable.AwaitOutcome.Parked:
                break;
            case TokenTable.AwaitOutcome.Completed:
                ready.Set(id);
                break;
            default:
                FailInvalidAwait(id, token);
                break;
        }
    }

    /// <summary>A coroutine awaited a token it may not (unknown, consumed, or awaited elsewhere): its task fails with the usage error.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FailInvalidAwait(int id, QToken token)
    {
        ref TaskSlot task = ref tasks[id];
        task.Page!.Release(task.SlabSlot);
        Finish(id, ExceptionDispatchInfo.Capture(Tokens.InvalidAwaitError(token)), default);
    }

    /// <summary>
    /// Turns a coroutine task nobody awaits yet into a detached one and frees its completion token, so a spawned
    /// handler costs what a coroutine started with <see cref="LibOS.Spawn{TCoroutine}"/> costs. False for other tokens.
    /// </summary>
    internal bool TryDetach(QToken completion)
    {
        if (!Tokens.TryTakeUnawaitedTask(completion, out int id))
        {
            return false;
        }

        tasks[id].Completion = default;
        return true;
    }

    /// <summary>
    /// Frees task id <paramref name="id"/> (its coroutine's slot is released already) and completes its token, or
    /// reports a detached task's failure. A free task slot's completion is never read (a spawn sets it), so it is not cleared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Finish(int id, ExceptionDispatchInfo? failure, CoroutineStep done)
    {
        ref TaskSlot task = ref TaskAt(id);
        QToken completion = task.Completion;
        task.SlabSlot = NotRunning;
        task.NextFree = freeTaskHead;
        freeTaskHead = id;
        LiveTasks--;
        if (completion == default)
        {
            DetachedTaskEnded(failure);
            return;
        }

        Tokens.CompleteTask(completion, failure, done);
    }

    /// <summary>The first coroutine of type <typeparamref name="T"/> on this scheduler: its slab (the table grows to hold it). Out of line: a spawn's code stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CoroutineSlab<T> CreateSlab<T>(int typeId)
        where T : struct, ICoroutine
    {
        if (typeId >= slabs.Length)
        {
            Array.Resize(ref slabs, Math.Max(typeId + 1, slabs.Length * 2));
        }

        CoroutineSlab<T> slab = new();
        slabs[typeId] = slab;
        return slab;
    }

    /// <summary>The slot of task <paramref name="id"/>, a live id the scheduler handed out (in range: no bounds check).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref TaskSlot TaskAt(int id)
    {
        Debug.Assert((uint)id < (uint)tasks.Length, "a task id is in range");
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tasks), (nint)(uint)id);
    }

    /// <summary>Takes a free task id (or a new one) and returns its slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref TaskSlot TakeTask(out int id)
    {
        // A free id is in range; freeTaskHead is -1 (out of range) when none is free.
        id = freeTaskHead;
        TaskSlot[] table = tasks;
        if ((uint)id < (uint)table.Length)
        {
            ref TaskSlot task = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(table), (nint)(uint)id);
            freeTaskHead = task.NextFree;
            return ref task;
        }

        id = AddTaskId();
        return ref tasks[id];
    }

    /// <summary>A task id never used before (the task table and the waker pages grow to hold it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AddTaskId()
    {
        if (taskCount == tasks.Length)
        {
            Array.Resize(ref tasks, tasks.Length * 2);
        }

        ready.EnsureCapacity(taskCount + 1);
        return taskCount++;
    }

    /// <summary>24 bytes per task id.</summary>
    private struct TaskSlot
    {
        public CoroutinePage? Page;
        public QToken Completion;
        public int SlabSlot;
        public int NextFree;
    }
}
