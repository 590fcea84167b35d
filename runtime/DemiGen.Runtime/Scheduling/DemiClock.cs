using System.Diagnostics;

namespace DemiGen;

/// <summary>The time source of a libOS's timers and timeouts, in nanoseconds from an arbitrary origin.</summary>
public abstract class DemiClock
{
    /// <summary>Now, in nanoseconds.</summary>
    public abstract long NowNanoseconds { get; }
}

/// <summary>The machine's monotonic clock.</summary>
public sealed class MonotonicClock : DemiClock
{
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>The one instance.</summary>
    public static MonotonicClock Instance { get; } = new();

    /// <inheritdoc />
    public override long NowNanoseconds => (long)(Stopwatch.GetTimestamp() * NanosecondsPerTick);
}

/// <summary>
/// A clock that moves only when told to: deterministic time for tests. When <see cref="AutoAdvance"/> is set, a
/// libOS that has nothing to run jumps the clock to its next timer instead of blocking (discrete-event time).
/// </summary>
public sealed class ManualClock : DemiClock
{
    private long now;

    /// <summary>Creates a clock at <paramref name="startNanoseconds"/>.</summary>
    public ManualClock(long startNanoseconds = 0, bool autoAdvance = true)
    {
        now = startNanoseconds;
        AutoAdvance = autoAdvance;
    }

    /// <summary>Whether an idle libOS may move this clock to its next timer.</summary>
    public bool AutoAdvance { get; set; }

    /// <inheritdoc />
    public override long NowNanoseconds => now;

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        now += by.Ticks * 100;
    }

    internal void AdvanceTo(long nanoseconds)
    {
        if (nanoseconds > now)
        {
            now = nanoseconds;
        }
    }
}
