using System.Globalization;
using DemiKV.Tests.Support;

namespace DemiKV.Tests;

/// <summary>The DemiKV executable itself (the README's main job), with the runtime settings its project gives it.</summary>
[Collection(NetworkCollection.Name)]
public sealed class ExecutableTests
{
    [Fact]
    public void ServesCommandsAndReportsItsCollector()
    {
        using ServerProcess server = ServerProcess.DemiKV();
        using RespConnection client = new(server.EndPoint);
        Assert.Equal("+OK\r\n", client.Call("SET", "greeting", "hello"));
        Assert.Equal("$5\r\nhello\r\n", client.Call("GET", "greeting"));

        string memory = client.Call("INFO", "memory");

        // A blocking full collection stops the shard for as long as it takes to trace every key (about 0.3 s at
        // 2.6 million keys, docs/demikv.md): the executable must run the concurrent collector.
        Assert.Contains("gc_mode:workstation-concurrent\r\n", memory);
        Assert.InRange(Field(memory, "gc_collections_gen2"), 0, Field(memory, "gc_collections_gen0"));
        Assert.InRange(Field(memory, "gc_pause_total_ms"), 0, double.MaxValue);
        Assert.InRange(Field(memory, "gc_last_full_blocking_pause_ms"), 0, double.MaxValue);
    }

    private static double Field(string info, string name)
    {
        string line = info.Split("\r\n").Single(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
