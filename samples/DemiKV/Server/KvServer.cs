using System.Net;
using System.Net.Sockets;
using DemiGen;
using DemiKV.Protocol;

namespace DemiKV.Server;

/// <summary>
/// Runs DemiKV: one shard per thread, each with its own libOS, listening socket and accept loop; shard 0 also
/// runs active expiry. All shards share one <see cref="KvStore"/>.
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
        KvStore? store = null;
        int port = options.Port;
        Exception? failure = null;
        using CountdownEvent listening = new(options.Shards);
        using ManualResetEventSlim firstBound = new();
        List<Thread> threads = [];
        for (int shard = 0; shard < options.Shards; shard++)
        {
            int index = shard;
            Thread thread = new(() =>
            {
                try
                {
                    if (index > 0)
                    {
                        firstBound.Wait();
                    }

                    RunShard(index, ref store, ref port, () =>
                    {
                        firstBound.Set();
                        listening.Signal();
                    });
                }
                catch (Exception e) when (e is DemiException or SocketException)
                {
                    failure ??= e;
                    lifetime.Stop();
                    firstBound.Set();
                    if (listening.CurrentCount > 0)
                    {
                        listening.Signal();
                    }
                }
            })
            {
                Name = $"DemiKV shard {shard}",
                IsBackground = true,
            };
            threads.Add(thread);
            thread.Start();
        }

        listening.Wait();
        if (failure is null)
        {
            ready(port);
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private void RunShard(int shard, ref KvStore? store, ref int port, Action listening)
    {
        using LibOS os = LibOS.Create(options.LibOS, ShardOptions.For(options));
        QDesc listener = os.Socket(options.Bind.AddressFamily, SocketType.Stream);
        os.Bind(listener, new IPEndPoint(options.Bind, port));
        os.Listen(listener, 511);
        if (shard == 0)
        {
            port = os.LocalEndPoint(listener).Port;
            store = new KvStore(os.Clock, new RespLimits(), port);
        }

        DemiTask accepting = KvHandlers.AcceptConnections(os, listener, store!);
        if (shard == 0)
        {
            os.Spawn(KvHandlers.ExpireKeys(os, store!, lifetime));
        }

        listening();
        while (!lifetime.Stopping)
        {
            QResult result = os.Wait(accepting.Token, StopCheck);
            if (result.Error != DemiError.ETIMEDOUT)
            {
                break;
            }
        }
    }
}
