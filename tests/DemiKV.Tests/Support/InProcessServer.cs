using System.Net;
using DemiGen;
using DemiKV.Server;

namespace DemiKV.Tests.Support;

/// <summary>DemiKV in this process (by default on Catnap, on a free loopback port), stopped on dispose.</summary>
internal sealed class InProcessServer : IDisposable
{
    private readonly ServerLifetime lifetime = new();
    private readonly Thread runner;
    private Exception? failure;

    public InProcessServer(int shards = 1)
        : this(new ServerOptions { LibOS = LibOSKind.Catnap, Bind = IPAddress.Loopback, Port = 0, Shards = shards })
    {
    }

    public InProcessServer(ServerOptions options)
    {
        using ManualResetEventSlim ready = new();
        int port = 0;
        runner = new Thread(() =>
        {
            try
            {
                new KvServer(options, lifetime).Run(p =>
                {
                    port = p;
                    ready.Set();
                });
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                ready.Set();
            }
        })
        {
            IsBackground = true,
            Name = "DemiKV test server",
        };
        runner.Start();
        Assert.True(ready.Wait(TimeSpan.FromSeconds(20)), "DemiKV did not start listening");
        Assert.Null(failure);
        // A Catnip server listens on any address of its own stack, which has one: its --address.
        EndPoint = new IPEndPoint(options.Bind.Equals(IPAddress.Any) && options.Address is { } own ? own : options.Bind, port);
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    public void Dispose()
    {
        lifetime.Stop();
        runner.Join(TimeSpan.FromSeconds(10));
        Assert.Null(failure);
    }
}
