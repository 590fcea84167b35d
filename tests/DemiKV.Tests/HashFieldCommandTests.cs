using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>HKEYS, HVALS, HSETNX and HSTRLEN on packed and table hashes, and their error paths.</summary>
public sealed class HashFieldCommandTests : IDisposable
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Theory]
    [InlineData(3)]
    [InlineData(300)]
    public void KeysAndValuesFollowHGetAllOrder(int fields)
    {
        for (int i = 0; i < fields; i++)
        {
            kv.Command("HSET", "h", "f" + i, "v" + i);
        }

        string all = kv.Command("HGETALL", "h");
        string[] lines = all.Split("\r\n");
        List<string> names = [];
        List<string> values = [];
        for (int i = 2; i + 2 < lines.Length; i += 4)
        {
            names.Add(lines[i]);
            values.Add(lines[i + 2]);
        }

        Assert.Equal(fields, names.Count);
        Assert.Equal(Array([.. names]), kv.Command("HKEYS", "h"));
        Assert.Equal(Array([.. values]), kv.Command("HVALS", "h"));
    }

    [Fact]
    public void MissingAndWrongTypeKeys()
    {
        kv.Command("SET", "s", "v");
        Assert.Equal("*0\r\n", kv.Command("HKEYS", "missing"));
        Assert.Equal("*0\r\n", kv.Command("HVALS", "missing"));
        Assert.Equal(Int(0), kv.Command("HSTRLEN", "missing", "f"));
        Assert.Equal(Err(WrongType), kv.Command("HKEYS", "s"));
        Assert.Equal(Err(WrongType), kv.Command("HVALS", "s"));
        Assert.Equal(Err(WrongType), kv.Command("HSETNX", "s", "f", "v"));
        Assert.Equal(Err(WrongType), kv.Command("HSTRLEN", "s", "f"));
        Assert.Equal(Err("ERR wrong number of arguments for 'hkeys' command"), kv.Command("HKEYS"));
        Assert.Equal(Err("ERR wrong number of arguments for 'hsetnx' command"), kv.Command("HSETNX", "h", "f"));
        Assert.Equal(Err("ERR wrong number of arguments for 'hstrlen' command"), kv.Command("HSTRLEN", "h"));
    }

    [Fact]
    public void HSetNxSetsOnlyANewField()
    {
        Assert.Equal(Int(1), kv.Command("HSETNX", "h", "f", "first"));
        Assert.Equal(Int(0), kv.Command("HSETNX", "h", "f", "second"));
        Assert.Equal(Bulk("first"), kv.Command("HGET", "h", "f"));
        Assert.Equal(Int(1), kv.Command("HSETNX", "h", "g", new string('v', 100)));
        Assert.Equal(Int(2), kv.Command("HLEN", "h"));
    }

    [Fact]
    public void HStrLenMeasuresValues()
    {
        kv.Command("HSET", "h", "empty", "", "long", new string('x', 1000), "short", "abc");
        Assert.Equal(Int(0), kv.Command("HSTRLEN", "h", "empty"));
        Assert.Equal(Int(1000), kv.Command("HSTRLEN", "h", "long"));
        Assert.Equal(Int(3), kv.Command("HSTRLEN", "h", "short"));
        Assert.Equal(Int(0), kv.Command("HSTRLEN", "h", "none"));
    }
}
