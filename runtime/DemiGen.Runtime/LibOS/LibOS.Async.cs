using System.Net;

namespace DemiGen;

public abstract partial class LibOS
{
    /// <summary>Awaitable <see cref="Pop"/>: yields the result, which converts to the popped <see cref="Sga"/>.</summary>
    public DemiOperation PopAsync(QDesc qd) => new(this, Pop(qd));

    /// <summary>Awaitable <see cref="Push"/>: the Sga is lent until the await returns.</summary>
    public DemiOperation PushAsync(QDesc qd, Sga sga) => new(this, Push(qd, sga));

    /// <summary>Awaitable <see cref="PushTo"/>.</summary>
    public DemiOperation PushToAsync(QDesc qd, Sga sga, IPEndPoint remote) => new(this, PushTo(qd, sga, remote));

    /// <summary>Awaitable <see cref="Accept"/>: the result's <see cref="QResult.Accepted"/> is the new connection.</summary>
    public DemiOperation AcceptAsync(QDesc qd) => new(this, Accept(qd));

    /// <summary>Awaitable <see cref="Connect"/>.</summary>
    public DemiOperation ConnectAsync(QDesc qd, IPEndPoint remote) => new(this, Connect(qd, remote));

    /// <summary>Awaitable <see cref="Close"/>.</summary>
    public DemiOperation CloseAsync(QDesc qd) => new(this, Close(qd));

    /// <summary>Lets every other runnable coroutine run once before the awaiter resumes.</summary>
    /// <remarks>The owner-thread check happens when the yield is awaited (a generated coroutine runs on its scheduler's thread already).</remarks>
    public YieldAwaitable YieldAsync() => new(this);

    /// <summary>Queues the continuation of an awaited <see cref="YieldAsync"/> from plain async code.</summary>
    internal void ContinueAfterYield(Action continuation)
    {
        CheckThread("YieldAsync");
        scheduler.EnqueueContinuation(continuation);
    }

    /// <summary>Completes after <paramref name="delay"/> on the libOS's clock.</summary>
    public DemiOperation DelayAsync(TimeSpan delay)
    {
        CheckThread("DelayAsync");
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        QToken qt = Tokens.Allocate(DemiOpcode.Delay, default);
        scheduler.AddTimer(Deadline(delay), qt);
        return new DemiOperation(this, qt);
    }

    /// <summary>
    /// Stores <paramref name="coroutine"/> in its type's slab and runs it at once up to its first suspension (as C#
    /// runs an async method up to its first await); the scheduler resumes it from there. No allocation once the slab
    /// has grown. Await the task, or pass it to <see cref="Spawn(DemiTask)"/>.
    /// </summary>
    public DemiTask StartCoroutine<TCoroutine>(in TCoroutine coroutine)
        where TCoroutine : struct, ICoroutine
    {
        CheckThread("StartCoroutine");
        return new DemiTask(this, scheduler.Spawn(coroutine, detached: false));
    }

    /// <summary>Starts a coroutine that produces a value (set with <see cref="TaskContext.SetResult{T}"/>).</summary>
    public DemiTask<TResult> StartCoroutine<TCoroutine, TResult>(in TCoroutine coroutine)
        where TCoroutine : struct, ICoroutine
    {
        CheckThread("StartCoroutine");
        return new DemiTask<TResult>(this, scheduler.Spawn(coroutine, detached: false));
    }

    /// <summary>
    /// Starts a detached coroutine: nobody awaits it, so it gets no completion token (the cheapest form, e.g. one
    /// per connection). An exception it throws goes to <see cref="LibOSOptions.OnUnhandledException"/>.
    /// </summary>
    public void Spawn<TCoroutine>(in TCoroutine coroutine)
        where TCoroutine : struct, ICoroutine
    {
        CheckThread("Spawn");
        scheduler.Spawn(coroutine, detached: true);
    }

    /// <summary>
    /// Lets <paramref name="task"/> run on with no awaiter: its slot is released when it finishes, and an exception
    /// it throws goes to <see cref="LibOSOptions.OnUnhandledException"/>.
    /// </summary>
    public void Spawn(DemiTask task)
    {
        CheckThread("Spawn");
        if (task.OS != this)
        {
            throw new DemiUsageException($"Spawn: {task.Token} belongs to another libOS.");
        }

        if (!scheduler.TryDetach(task.Token))
        {
            Tokens.Detach(task.Token);
        }
    }
}
