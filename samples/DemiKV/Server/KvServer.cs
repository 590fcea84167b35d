using System.Net;
using System.Net.Sockets;
using DemiGen;
using DemiKV.Protocol;

namespace DemiKV.Server;

/// <summary>
/// Runs DemiKV: one shard per thread, each with its own libOS, listening socket and accept loop; shard 0 also
/// runs active expiry and the key-index rehash in spare time. All shards share one <see cref="KvStore"/>.
/// </summary>
public sealed class KvServer
{
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(100);

    private readonly ServerOptions options;
    private readonly ServerLifetime lifetime;

    /// <summary>Creates a server.</summary>
    public KvServer(ServerOptions options, ServerLifetime lifetime)
    {
        this.options = options;
        this.lifetime = lifetime;
    }

    /// <summary>Serves until the lifetime stops; <paramref name="ready"/> gets the bound port once every shard listens.</summary>
    public void Run(Action<int> ready)
    {
        using ShardStartup startup = new(options.Shards, options.Port);
        List<Thread> threads = [];
        for (int shard = 0; shard < options.Shards; shard++)
        {
            Thread thread = new(RunShardThread)
            {
                Name = $"DemiKV shard {shard}",
                IsBackground = true,
            };
            threads.Add(thread);
            thread.Start((shard, startup));
        }

        startup.AllListening.Wait();
        if (startup.Failure is null)
        {
            ready(startup.Port);
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (startup.Failure is not null)
        {
            throw startup.Failure;
        }
    }

    private void RunShardThread(object? state)
    {
        (int shard, ShardStartup startup) = ((int, ShardStartup))state!;
        try
        {
            if (shard > 0)
            {
                startup.FirstBound.Wait();
            }

            RunShard(shard, startup);
        }
        catch (DemiException e)
        {
            Fail(startup, e);
        }
        catch (SocketException e)
        {
            Fail(startup, e);
        }
    }

    private void Fail(ShardStartup startup, Exception e)
    {
        startup.Failure ??= e;
        lifetime.Stop();
        startup.FirstBound.Set();
        startup.SignalListening();
    }

    private void RunShard(int shard, ShardStartup startup)
    {
        using LibOS os = LibOS.Create(options.LibOS, ShardOptions.For(options));
        QDesc listener = os.Socket(options.Bind.AddressFamily, SocketType.Stream);
        os.Bind(listener, new IPEndPoint(options.Bind, startup.Port));
        os.Listen(listener, 511);
        if (shard == 0)
        {
            startup.Port = os.LocalEndPoint(listener).Port;
            startup.Store = new KvStore(os.Clock, new RespLimits(), startup.Port);

            // One shard serves every command on this thread, so large values can live in its registered memory.
            if (options.Shards == 1 && options.ZeroCopyMinBytes > 0)
            {
                startup.Store.KeepLargeValuesIn(os, options.ZeroCopyMinBytes);
            }
        }

        KvStore store = startup.Store!;
        DemiTask accepting = KvHandlers.AcceptConnections(os, listener, store);
        if (shard == 0)
        {
            os.Spawn(KvHandlers.ExpireKeys(os, store, lifetime));
            os.Spawn(KvHandlers.RehashKeys(os, store, lifetime));
        }

        startup.FirstBound.Set();
        startup.SignalListening();
        while (!lifetime.Stopping)
        {
            QResult result = os.Wait(accepting.Token, StopCheck);
            if (result.Error != DemiError.ETIMEDOUT)
            {
                break;
            }
        }
    }

    // What the shards share while they start: shard 0 binds first and publishes its port and the store.
    private sealed class ShardStartup : IDisposable
    {
        private int signalled;

        public ShardStartup(int shards, int port)
        {
            AllListening = new CountdownEvent(shards);
            Port = port;
        }

        public CountdownEvent AllListening { get; }

        public ManualResetEventSlim FirstBound { get; } = new();

        public int Port { get; set; }

        public KvStore? Store { get; set; }

        public Exception? Failure { get; set; }

        // Each shard signals once, whether it listens or failed.
        public void SignalListening()
        {
            if (Interlocked.Increment(ref signalled) <= AllListening.InitialCount)
            {
                AllListening.Signal();
            }
        }

        public void Dispose()
        {
            AllListening.Dispose();
            FirstBound.Dispose();
        }
    }
}
