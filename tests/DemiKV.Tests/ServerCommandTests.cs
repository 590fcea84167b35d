using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

public sealed class ServerCommandTests : IDisposable
{
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Fact]
    public void PingEchoAndCaseInsensitiveNames()
    {
        Assert.Equal("+PONG\r\n", kv.Command("PING"));
        Assert.Equal(Bulk("hi"), kv.Command("ping", "hi"));
        Assert.Equal(Bulk("x y"), kv.Command("eChO", "x y"));
        Assert.Equal(Err("ERR wrong number of arguments for 'ping' command"), kv.Command("PING", "a", "b"));
        Assert.Equal(Err("ERR wrong number of arguments for 'echo' command"), kv.Command("ECHO"));
    }

    [Fact]
    public void UnknownCommandsQuoteTheirArgumentsLikeRedis()
    {
        Assert.Equal(Err("ERR unknown command 'FOO', with args beginning with: 'a' 'b c' "), kv.Command("FOO", "a", "b c"));
        Assert.Equal(Err("ERR unknown command 'bar', with args beginning with: "), kv.Command("bar"));
        string longArg = new('x', 200);
        Assert.Equal(Err($"ERR unknown command 'x', with args beginning with: '{new string('x', 128)}' "), kv.Command("x", longArg, "more"));
    }

    [Fact]
    public void QuitRepliesOkAndClosesAfterwards()
    {
        Assert.Equal(Ok, kv.Send(Encode("QUIT") + Encode("PING")));
        Assert.True(kv.Session.CloseRequested);
    }

    [Fact]
    public void HelloTwoDescribesTheServerAndHelloThreeIsRefused()
    {
        string reply = kv.Command("HELLO", "2", "SETNAME", "app");
        Assert.StartsWith("*14\r\n" + Bulk("server") + Bulk("redis") + Bulk("version"), reply);
        Assert.Contains(Bulk("proto") + Int(2), reply);
        Assert.Equal(Bulk("app"), kv.Command("CLIENT", "GETNAME"));
        Assert.Equal(Err("NOPROTO unsupported protocol version"), kv.Command("HELLO", "3"));
        Assert.Equal(Err("ERR Protocol version is not an integer or out of range"), kv.Command("HELLO", "x"));
    }

    [Fact]
    public void ClientNamesAndIds()
    {
        Assert.Equal(Int(kv.Session.Id), kv.Command("CLIENT", "ID"));
        Assert.Equal(Nil, kv.Command("CLIENT", "GETNAME"));
        Assert.Equal(Ok, kv.Command("CLIENT", "SETNAME", "worker"));
        Assert.Equal(Bulk("worker"), kv.Command("client", "getname"));
        Assert.Equal(Err("ERR Client names cannot contain spaces, newlines or special characters."), kv.Command("CLIENT", "SETNAME", "a b"));
        Assert.Equal(Ok, kv.Command("CLIENT", "SETINFO", "LIB-NAME", "x"));
        Assert.Equal(Err("ERR unknown subcommand 'NOPE'. Try CLIENT HELP."), kv.Command("CLIENT", "NOPE"));
        Assert.Equal(Err("ERR wrong number of arguments for 'client|setname' command"), kv.Command("CLIENT", "SETNAME"));
    }

    [Fact]
    public void InfoHasTheRequestedSections()
    {
        kv.Command("SET", "a", "1", "EX", "100");
        kv.Command("SET", "b", "1");
        string all = kv.Command("INFO");
        foreach (string section in new[] { "# Server", "# Clients", "# Memory", "# Stats", "# Keyspace" })
        {
            Assert.Contains(section, all);
        }

        Assert.Contains("db0:keys=2,expires=1,avg_ttl=0", all);
        string memory = kv.Command("INFO", "memory");
        Assert.Contains("used_memory:", memory);
        Assert.DoesNotContain("# Server", memory);
        Assert.Equal("$0\r\n\r\n", kv.Command("INFO", "nosuchsection"));
    }

    [Fact]
    public void InfoMemoryCountsTheStoredValues()
    {
        string value = new('v', 1000);
        for (int i = 0; i < 2000; i++)
        {
            kv.Command("SET", "key:" + i, value);
        }

        // The 2 MB of values are live, so both the heap figure and the resident set must hold at least that.
        Assert.InRange(MemoryField("used_memory"), 2000 * 1000, long.MaxValue);
        Assert.InRange(MemoryField("used_memory_rss"), 2000 * 1000, long.MaxValue);
        Assert.Equal(kv.OS.Stats.RegisteredMemoryBytes, MemoryField("registered_memory"));
    }

    [Fact]
    public void ConfigGetAnswersClientProbes()
    {
        Assert.Equal(Array("databases", "16"), kv.Command("CONFIG", "GET", "databases"));
        Assert.Equal(Array("slave-read-only", "yes", "replica-read-only", "yes"), kv.Command("CONFIG", "GET", "*read-only"));
        Assert.Equal("*0\r\n", kv.Command("CONFIG", "GET", "nothing"));
        Assert.Equal(Err("ERR wrong number of arguments for 'config|get' command"), kv.Command("CONFIG", "GET"));
        Assert.Equal(Err("ERR unknown subcommand 'RESETSTAT'. Try CONFIG HELP."), kv.Command("CONFIG", "RESETSTAT"));
    }

    [Fact]
    public void CommandDescribesTheCommandTable()
    {
        string count = kv.Command("COMMAND", "COUNT");
        Assert.StartsWith(":", count);
        Assert.StartsWith("*" + count[1..^2] + "\r\n", kv.Command("COMMAND"));
        string info = kv.Command("COMMAND", "INFO", "get", "nope");
        Assert.StartsWith("*2\r\n*10\r\n" + Bulk("get") + Int(2), info);
        Assert.EndsWith("*-1\r\n", info);
        Assert.Equal("*0\r\n", kv.Command("COMMAND", "DOCS"));
    }

    private long MemoryField(string name)
    {
        string info = kv.Command("INFO", "memory");
        string line = info.Split("\r\n").First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
