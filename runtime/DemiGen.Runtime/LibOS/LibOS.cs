using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// A library operating system: one portable queue API (PDPIX) over in-memory queues, kernel sockets, io_uring or
/// DemiGen's own network stack. An instance belongs to the thread that created it; its scheduler runs OS work and
/// the app's coroutines on that thread whenever the app waits. Several cores mean several instances (shared-nothing).
/// </summary>
public abstract partial class LibOS : IDisposable
{
    [ThreadStatic]
    private static LibOS? current;

    private readonly int ownerThread;
    private readonly Scheduler scheduler;
    private readonly TokenTable tokens;
    private readonly QueueTable queues = new();
    private readonly RegisteredMemory memory;
    private readonly long spinTimeNanoseconds;
    private readonly bool hasDevice;
    private bool disposed;

    /// <param name="kind">Which libOS this is.</param>
    /// <param name="options">Its settings.</param>
    /// <param name="hasDevice">Whether <see cref="PollDevice"/> can ever complete an operation (a libOS with a network can; Catmem cannot).</param>
    private protected LibOS(LibOSKind kind, LibOSOptions options, bool hasDevice)
    {
        Kind = kind;
        this.hasDevice = hasDevice;
        Options = options;
        Clock = options.Clock ?? MonotonicClock.Instance;
        spinTimeNanoseconds = options.SpinTime.Ticks * 100;
        ownerThread = Environment.CurrentManagedThreadId;
        scheduler = new Scheduler(this);
        tokens = scheduler.Tokens;
        memory = new RegisteredMemory(options.RegisteredMemoryBytes, options.CheckedMemory, $"{kind} libOS");
        current ??= this;
    }

    /// <summary>The libOS whose scheduler runs on this thread now, or else the first one created on it.</summary>
    public static LibOS? Current => current;

    /// <summary>Which libOS this is.</summary>
    public LibOSKind Kind { get; }

    /// <summary>The settings it was created with.</summary>
    public LibOSOptions Options { get; }

    /// <summary>The clock of its timers and timeouts.</summary>
    public DemiClock Clock { get; }

    /// <summary>Counters for tests, INFO-style reports and leak checks.</summary>
    public LibOSStats Stats => new(scheduler.LiveTasks, scheduler.Tokens.PendingCount, memory.LiveSgaCount, queues.Count, memory.ReservedBytes);

    internal Scheduler Scheduler => scheduler;

    /// <summary>The scheduler's token table, held here too: a DemiTask's IsCompleted and GetResult reach it in one load.</summary>
    internal TokenTable Tokens => tokens;

    internal QueueTable Queues => queues;

    internal RegisteredMemory Memory => memory;

    /// <summary>Creates the default libOS, Catnap (kernel sockets over epoll, on any Linux), owned by the calling thread.</summary>
    public static LibOS Create(LibOSOptions? options = null) => Create(LibOSKind.Catnap, options);

    /// <summary>Creates a libOS of <paramref name="kind"/> owned by the calling thread.</summary>
    public static LibOS Create(LibOSKind kind, LibOSOptions? options = null)
    {
        options ??= new LibOSOptions();
        return kind switch
        {
            LibOSKind.Catmem => new CatmemLibOS(options),
            LibOSKind.Catnap => new CatnapLibOS(options),
            LibOSKind.Catnip => new CatnipLibOS(options),
            _ => throw new DemiException(DemiError.EOPNOTSUPP, $"the {kind} libOS is not available in this build."),
        };
    }

    /// <summary>Closes every queue abortively and releases the registered memory.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        CheckThread("Dispose");
        try
        {
            foreach (IoQueue queue in queues.All().ToList())
            {
                queues.Remove(queue.Qd);
                queue.Abort();
            }

            DisposeDevice();
        }
        finally
        {
            disposed = true;
            memory.Dispose();
            postedSignal.Dispose();
            if (current == this)
            {
                current = null;
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the libOS's device (sockets, rings, epoll); called once from <see cref="Dispose"/>.</summary>
    private protected virtual void DisposeDevice()
    {
    }

    internal void ReportUnhandled(Exception exception)
    {
        if (Options.OnUnhandledException is { } handler)
        {
            handler(exception);
        }
        else
        {
            Console.Error.WriteLine($"DemiGen: a spawned coroutine on the {Kind} libOS failed: {exception}");
        }
    }

    /// <summary>
    /// Refuses a call from another thread than the owner's, or on a disposed libOS. Being this thread's current
    /// libOS proves the owner thread with one thread-static read (no call); the passing case is inlined into every caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected void CheckThread(string operation)
    {
        if (current != this || disposed)
        {
            CheckOwnerThread(operation);
        }
    }

    /// <summary>CheckThread's full test, for a libOS that is not its thread's current one (or is disposed).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckOwnerThread(string operation)
    {
        if (Environment.CurrentManagedThreadId != ownerThread)
        {
            throw new DemiUsageException($"{operation}: this {Kind} libOS belongs to thread {ownerThread}, not thread {Environment.CurrentManagedThreadId}; create one libOS per thread.");
        }

        ObjectDisposedException.ThrowIf(disposed, this);
    }
}
