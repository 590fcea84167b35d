namespace DemiGen;

/// <summary>Settings of one libOS instance. Partial: each libOS adds its own settings in its own folder.</summary>
public sealed partial class LibOSOptions
{
    /// <summary>How many idle scheduler rounds a wait spins before it blocks in the device (epoll_wait, …). 0 blocks at once.</summary>
    public int SpinBudget { get; init; } = 2000;

    /// <summary>
    /// The longest a wait spins through idle rounds before it blocks, whatever is left of <see cref="SpinBudget"/>:
    /// a bound in time keeps spinning cheap when rounds are slow (a system call each) or the machine is oversubscribed.
    /// </summary>
    public TimeSpan SpinTime { get; init; } = TimeSpan.FromMicroseconds(50);

    /// <summary>The clock that drives timers and timeouts; a <see cref="ManualClock"/> makes time deterministic in tests.</summary>
    public DemiClock? Clock { get; init; }

    /// <summary>Bytes of registered memory reserved up front in one block (more is added in further blocks as needed).</summary>
    public int RegisteredMemoryBytes { get; init; } = 4 << 20;

    /// <summary>Checked mode: freed buffers are poisoned, writes after free are reported, and reading or writing a lent Sga throws.</summary>
    public bool CheckedMemory { get; init; }

    /// <summary>Receives exceptions thrown by spawned (detached) coroutines; by default they are written to standard error.</summary>
    public Action<Exception>? OnUnhandledException { get; init; }
}
