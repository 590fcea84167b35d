using System.Net;
using DemiGen;
using DemiGen.Samples.Echo;

// dotnet run -c Release --project samples/Echo -- server --port 7000 [--udp] [--threads N] [--bind ADDRESS] [--spin ROUNDS]
// dotnet run -c Release --project samples/Echo -- client --port 7000 [--host 127.0.0.1] [--udp] [--count N] [--size BYTES] [--spin ROUNDS]
// Either on Catnip (DemiGen's own TCP/IP over a raw-frame device) instead of Catnap (the kernel's sockets), e.g.:
//   ... server --port 7000 --libos catnip --interface veth0 --address 10.0.0.1 [--netns NS] [--device afpacket|tap]
// --spin: idle scheduler rounds of busy-polling before blocking in epoll_wait (0 blocks at once: kind to a crowded machine).
EchoArguments arguments;
try
{
    arguments = EchoArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EchoArguments.Usage);
    return 2;
}

return arguments.Mode == "server" ? RunServer(arguments) : RunClient(arguments);

static int RunServer(EchoArguments arguments)
{
    TaskCompletionSource stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.TrySetResult();
    };

    IPEndPoint local = new(arguments.Bind, arguments.Port);
    int failures = 0;
    Thread[] shards = new Thread[arguments.Threads];
    using Barrier listening = new(arguments.Threads + 1);
    for (int i = 0; i < shards.Length; i++)
    {
        // One libOS per thread, shared-nothing: SO_REUSEPORT lets every shard listen on the same port and the kernel spreads connections.
        shards[i] = new Thread(() =>
        {
            try
            {
                using LibOS os = Create(arguments);
                QDesc qd = EchoServer.Open(os, local, arguments.Udp);
                listening.SignalAndWait();
                EchoServer.Run(os, qd, arguments.Udp, stop.Task);
            }
            catch (DemiException e)
            {
                Interlocked.Increment(ref failures);
                Console.Error.WriteLine($"echo server: {e.Message}");
                listening.RemoveParticipant();
            }
        })
        { Name = $"echo-shard-{i}", IsBackground = true };
        shards[i].Start();
    }

    listening.SignalAndWait();
    if (failures == 0)
    {
        Console.WriteLine($"echo server: {(arguments.Udp ? "udp" : "tcp")} on {local}, {arguments.Threads} thread(s), {arguments.LibOS} libOS; Ctrl-C stops.");
    }
    else
    {
        stop.TrySetResult();
    }

    foreach (Thread shard in shards)
    {
        shard.Join();
    }

    return failures == 0 ? 0 : 1;
}

static int RunClient(EchoArguments arguments)
{
    LibOS os;
    try
    {
        os = Create(arguments);
    }
    catch (DemiException e)
    {
        Console.Error.WriteLine($"echo client: {e.Message}");
        return 1;
    }

    using LibOS owned = os;
    IPEndPoint server = new(arguments.Host, arguments.Port);
    long[] rtt = new long[arguments.Count];
    DemiError error = EchoClient.MeasureToEnd(os, server, arguments.Udp, arguments.Size, arguments.Warmup, rtt);
    if (error != DemiError.None)
    {
        Console.Error.WriteLine($"echo client: the round trips to {server} ended with {error}.");
        return 1;
    }

    EchoClient.Report(rtt, Console.Out);
    return 0;
}

// One libOS per thread: Catnap shards share the port through SO_REUSEPORT (with --threads > 1); Catnip owns its device.
static LibOS Create(EchoArguments arguments) => arguments.LibOS == LibOSKind.Catnip
    ? LibOS.Create(LibOSKind.Catnip, new LibOSOptions { Catnip = arguments.Catnip, SpinBudget = arguments.SpinBudget })
    : LibOS.Create(LibOSKind.Catnap, new LibOSOptions { CatnapReusePort = arguments.Threads > 1, SpinBudget = arguments.SpinBudget });
