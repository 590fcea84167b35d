using DemiGen;

namespace DemiKV.Server;

/// <summary>
/// DemiKV's coroutines: the accept loop, one connection loop per client, and active expiry. They are
/// <c>[DemiHandler]</c>s, so the DemiGen generator lowers them into slab-stored struct state machines; without it
/// they run unchanged through <see cref="DemiTask"/>'s builder.
/// </summary>
public static partial class KvHandlers
{
    /// <summary>How often active expiry runs (Redis's default <c>hz 10</c>).</summary>
    public static readonly TimeSpan ExpiryPeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>How often <see cref="RehashKeys"/> looks for a pending key-index resize when none was pending.</summary>
    public static readonly TimeSpan RehashIdlePeriod = TimeSpan.FromMilliseconds(100);

    /// <summary>How often <see cref="RehashKeys"/> runs while a key-index resize is pending.</summary>
    public static readonly TimeSpan RehashBusyPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest one <see cref="RehashKeys"/> round moves buckets (Redis's 1 ms per cron tick).</summary>
    public static readonly TimeSpan RehashBudget = TimeSpan.FromMilliseconds(1);

    /// <summary>Accepts connections on <paramref name="listener"/> and spawns a <see cref="ServeConnection"/> for each, until the listener closes.</summary>
    [DemiHandler]
    public static async DemiTask AcceptConnections(LibOS os, QDesc listener, KvStore store)
    {
        while (true)
        {
            QResult accepted = await os.AcceptAsync(listener);
            if (accepted.Error is DemiError.ECANCELED or DemiError.EBADF)
            {
                break;
            }

            // A failed accept (a connection reset before it was taken, no descriptors left) costs only that client.
            if (!accepted.Failed)
            {
                os.Spawn(ServeConnection(os, accepted.Accepted, accepted.Accepted, store));
            }
        }
    }

    /// <summary>
    /// Serves one client: pops its bytes from <paramref name="input"/>, runs the requests in them and pushes the
    /// replies to <paramref name="output"/> (on a socket both are the same queue), until the peer closes, QUIT or
    /// a protocol error; then closes <paramref name="input"/>.
    /// </summary>
    [DemiHandler]
    public static async DemiTask ServeConnection(LibOS os, QDesc input, QDesc output, KvStore store)
    {
        ClientSession session = new(store, os);

        // Reply pieces pushed before the first await leave in one sendmsg on Catnap; a zero-copy value is three pieces
        // (the chunk ending in its header, the value's clone, the chunk from its trailer on).
        Sga[] pieces = new Sga[3];
        DemiOperation[] pushes = new DemiOperation[3];
        bool open = true;
        while (open)
        {
            QResult popped = await os.PopAsync(input);
            Sga data = popped.Sga;
            if (popped.Failed || data.IsEmpty)
            {
                // Peer closed (or the pop failed): nothing to run; freeing the empty Sga keeps ownership explicit.
                os.SgaFree(data);
                break;
            }

            session.Feed(data);
            os.SgaFree(data);
            while (open && session.Writer.HasPending)
            {
                int count = 0;
                while (count < pieces.Length && session.Writer.TryTake(out Sga piece))
                {
                    pieces[count] = piece;
                    pushes[count] = os.PushAsync(output, piece);
                    count++;
                }

                for (int i = 0; i < count; i++)
                {
                    QResult pushed = await pushes[i];
                    os.SgaFree(pieces[i]);
                    open = open && !pushed.Failed;
                }
            }

            open = open && !session.CloseRequested;
        }

        session.Dispose();
        await os.CloseAsync(input);
    }

    /// <summary>Runs active expiry every <see cref="ExpiryPeriod"/> until <paramref name="lifetime"/> stops.</summary>
    [DemiHandler]
    public static async DemiTask ExpireKeys(LibOS os, KvStore store, ServerLifetime lifetime)
    {
        while (!lifetime.Stopping)
        {
            await os.DelayAsync(ExpiryPeriod);
            store.ExpireCycle();
        }
    }

    /// <summary>
    /// Moves pending key-index resizes along between requests until <paramref name="lifetime"/> stops: at most
    /// <see cref="RehashBudget"/> per round, every <see cref="RehashBusyPeriod"/> while one is pending. Lookups move
    /// a couple of buckets each too, so a busy server migrates as it serves and an idle one still finishes.
    /// </summary>
    [DemiHandler]
    public static async DemiTask RehashKeys(LibOS os, KvStore store, ServerLifetime lifetime)
    {
        bool pending = false;
        while (!lifetime.Stopping)
        {
            await os.DelayAsync(pending ? RehashBusyPeriod : RehashIdlePeriod);
            pending = store.Rehash(RehashBudget);
        }
    }
}
