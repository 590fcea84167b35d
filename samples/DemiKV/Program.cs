using DemiGen;
using DemiKV.Server;

try
{
    ServerOptions options = ServerOptions.Parse(args);
    ServerLifetime lifetime = new();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        lifetime.Stop();
    };
    AppDomain.CurrentDomain.ProcessExit += (_, _) => lifetime.Stop();
    KvServer server = new(options, lifetime);
    server.Run(port => Console.WriteLine($"DemiKV ready on {options.Bind}:{port} ({options.LibOS}, {options.Shards} shard(s))"));
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (DemiException e)
{
    Console.Error.WriteLine($"DemiKV: {e.Message}");
    return 1;
}
