using System.Diagnostics;
using DemiGen;
using DemiKV.Protocol;
using DemiKV.Storage;

namespace DemiKV.Server;

/// <summary>
/// The server's shared state: 16 databases, counters and settings. Every shard (one libOS per core) runs its
/// clients' commands under <see cref="Gate"/>, so commands stay atomic as in single-threaded Redis; with one shard
/// the gate is never contended.
/// </summary>
public sealed class KvStore
{
    /// <summary>Databases, as in Redis's default <c>databases 16</c>.</summary>
    public const int DatabaseCount = 16;

    private readonly Database[] databases = new Database[DatabaseCount];
    private readonly DemiClock clock;
    private readonly long startedAtNs;
    private long nextClientId;

    // Unix time minus the store's clock, in ms, taken once: EXPIREAT deadlines map onto the monotonic clock by
    // this one fixed offset, so the same Unix time always gives the same deadline (as GT/LT compare them).
    private readonly long unixMinusClockMs;

    /// <summary>Creates an empty store whose TTLs run on <paramref name="clock"/>.</summary>
    public KvStore(DemiClock clock, RespLimits? limits = null, int port = 6379)
    {
        this.clock = clock;
        Limits = limits ?? new RespLimits();
        Port = port;
        startedAtNs = clock.NowNanoseconds;
        unixMinusClockMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - NowMs;
        for (int i = 0; i < databases.Length; i++)
        {
            databases[i] = new Database();
        }
    }

    /// <summary>Request limits for new connections.</summary>
    public RespLimits Limits { get; }

    /// <summary>The TCP port reported by INFO.</summary>
    public int Port { get; }

    /// <summary>Counters.</summary>
    public KvStats Stats { get; } = new();

    /// <summary>Serializes commands across shards.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Random source for SPOP and active expiry.</summary>
    public Random Random { get; } = new();

    /// <summary>Now on the store's clock, in milliseconds.</summary>
    public long NowMs => clock.NowNanoseconds / 1_000_000;

    /// <summary>
    /// A Unix time in ms as a deadline on the store's clock (EXPIREAT, PEXPIREAT), saturating at the ends of the
    /// range instead of overflowing.
    /// </summary>
    public long ClockMsFromUnixMs(long unixMs)
    {
        long offset = unixMinusClockMs;
        if (offset > 0 && unixMs < long.MinValue + offset)
        {
            return long.MinValue;
        }

        if (offset < 0 && unixMs > long.MaxValue + offset)
        {
            return long.MaxValue;
        }

        return unixMs - offset;
    }

    /// <summary>Seconds since the store was created.</summary>
    public long UptimeSeconds => (clock.NowNanoseconds - startedAtNs) / 1_000_000_000;

    /// <summary>Database <paramref name="index"/>.</summary>
    public Database this[int index] => databases[index];

    /// <summary>Where large string values are kept (registered memory, for zero-copy replies), or null when every string is an array.</summary>
    public ValueMemory? Values { get; private set; }

    /// <summary>
    /// Keeps string values of at least <paramref name="minBytes"/> in <paramref name="os"/>'s registered memory, so GET
    /// pushes them without copying. Only for a store that <paramref name="os"/>'s thread alone serves (one shard):
    /// registered memory belongs to one libOS and its thread. Call before any key is stored.
    /// </summary>
    public void KeepLargeValuesIn(LibOS os, int minBytes)
    {
        ArgumentNullException.ThrowIfNull(os);
        ArgumentOutOfRangeException.ThrowIfLessThan(minBytes, 1);
        Values = new ValueMemory(os, minBytes);
        foreach (Database database in databases)
        {
            database.Values = Values;
        }
    }

    /// <summary>A new client id (CLIENT ID, HELLO).</summary>
    public long NextClientId() => Interlocked.Increment(ref nextClientId);

    /// <summary>
    /// One active-expiry pass, like Redis's <c>activeExpireCycle</c> at 10 Hz: per database, sample 20 keys with a
    /// TTL and repeat while more than a quarter of a sample had expired, within a bounded number of rounds.
    /// </summary>
    public int ExpireCycle()
    {
        const int Sample = 20;
        const int MaxRounds = 16;
        int expired = 0;
        lock (Gate)
        {
            long now = NowMs;
            foreach (Database database in databases)
            {
                for (int round = 0; round < MaxRounds && database.VolatileCount > 0; round++)
                {
                    int found = database.ExpireSample(Sample, now, Random);
                    expired += found;
                    if (found <= Sample / 4)
                    {
                        break;
                    }
                }
            }
        }

        return expired;
    }

    /// <summary>
    /// Moves pending key-index resizes along for up to <paramref name="budget"/> of wall-clock time, in steps of
    /// 100 buckets (Redis's <c>incrementallyRehash</c>, 1 ms per cron tick). Returns true if a resize is still pending.
    /// </summary>
    public bool Rehash(TimeSpan budget)
    {
        const int StepBuckets = 100;
        long deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        bool pending = false;
        lock (Gate)
        {
            foreach (Database database in databases)
            {
                while (database.IsRehashing && Stopwatch.GetTimestamp() < deadline)
                {
                    database.Rehash(StepBuckets);
                }

                pending |= database.IsRehashing;
            }
        }

        return pending;
    }
}
