using DemiKV.Protocol;
using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>GETRANGE, SETRANGE, MSETNX and RANDOMKEY replies and error paths.</summary>
public sealed class StringRangeCommandTests : IDisposable
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private const string NotInteger = "ERR value is not an integer or out of range";

    private readonly KvHarness kv = new(limits: new RespLimits { MaxBulkLength = 1000 });

    public void Dispose() => kv.Dispose();

    [Theory]
    [InlineData("0", "-1", "hello")]
    [InlineData("-3", "-1", "llo")]
    [InlineData("-1", "-3", "")]
    [InlineData("1", "1", "e")]
    [InlineData("0", "100", "hello")]
    [InlineData("10", "100", "")]
    [InlineData("-100", "-50", "h")]
    [InlineData("3", "1", "")]
    public void GetRangeClampsAsRedis(string start, string end, string expected)
    {
        kv.Command("SET", "k", "hello");
        Assert.Equal(Bulk(expected), kv.Command("GETRANGE", "k", start, end));
    }

    [Fact]
    public void GetRangeErrorsAndMissingKeys()
    {
        kv.Command("RPUSH", "l", "a");
        Assert.Equal(Bulk(""), kv.Command("GETRANGE", "missing", "0", "5"));
        Assert.Equal(Err(NotInteger), kv.Command("GETRANGE", "missing", "x", "5"));
        Assert.Equal(Err(NotInteger), kv.Command("GETRANGE", "missing", "0", "1e3"));
        Assert.Equal(Err(WrongType), kv.Command("GETRANGE", "l", "0", "1"));
        Assert.Equal(Err("ERR wrong number of arguments for 'getrange' command"), kv.Command("GETRANGE", "l", "0"));
    }

    [Fact]
    public void SetRangeOverwritesPadsAndKeepsTheTtl()
    {
        kv.Command("SET", "k", "hello", "EX", "100");
        Assert.Equal(Int(5), kv.Command("SETRANGE", "k", "1", "EY"));
        Assert.Equal(Bulk("hEYlo"), kv.Command("GET", "k"));
        Assert.Equal(Int(9), kv.Command("SETRANGE", "k", "8", "!"));
        Assert.Equal(Bulk("hEYlo\0\0\0!"), kv.Command("GET", "k"));
        Assert.Equal(Int(100), kv.Command("TTL", "k"));
        Assert.Equal(Int(4), kv.Command("SETRANGE", "new", "2", "ab"));
        Assert.Equal(Bulk("\0\0ab"), kv.Command("GET", "new"));
    }

    [Fact]
    public void SetRangeWithAnEmptyValueChangesNothing()
    {
        kv.Command("SET", "k", "abc");
        Assert.Equal(Int(3), kv.Command("SETRANGE", "k", "50000", ""));
        Assert.Equal(Int(0), kv.Command("SETRANGE", "missing", "50000", ""));
        Assert.Equal(Int(0), kv.Command("EXISTS", "missing"));
        Assert.Equal(Bulk("abc"), kv.Command("GET", "k"));
    }

    [Fact]
    public void SetRangeErrorsAsRedis()
    {
        kv.Command("RPUSH", "l", "a");
        kv.Command("SET", "k", "v");
        Assert.Equal(Err("ERR offset is out of range"), kv.Command("SETRANGE", "k", "-1", "x"));
        Assert.Equal(Err("ERR offset is out of range"), kv.Command("SETRANGE", "l", "-1", "x"));
        Assert.Equal(Err(NotInteger), kv.Command("SETRANGE", "k", "x", "x"));
        Assert.Equal(Err(WrongType), kv.Command("SETRANGE", "l", "0", "x"));
        Assert.Equal(Err("ERR string exceeds maximum allowed size (proto-max-bulk-len)"), kv.Command("SETRANGE", "k", "999", "xy"));
        Assert.Equal(Err("ERR string exceeds maximum allowed size (proto-max-bulk-len)"), kv.Command("SETRANGE", "k", "9223372036854775807", "x"));
        Assert.Equal(Int(1000), kv.Command("SETRANGE", "k", "999", "x"));
        Assert.Equal(Err("ERR wrong number of arguments for 'setrange' command"), kv.Command("SETRANGE", "k", "0"));
    }

    [Fact]
    public void MSetNxSetsAllOrNothing()
    {
        Assert.Equal(Int(1), kv.Command("MSETNX", "a", "1", "b", "2"));
        Assert.Equal(Int(0), kv.Command("MSETNX", "c", "3", "a", "9"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "c"));
        Assert.Equal(Bulk("1"), kv.Command("GET", "a"));
        Assert.Equal(Int(1), kv.Command("MSETNX", "d", "x", "d", "y"));
        Assert.Equal(Bulk("y"), kv.Command("GET", "d"));
        Assert.Equal(Err("ERR wrong number of arguments for 'msetnx' command"), kv.Command("MSETNX", "e", "1", "f"));
        Assert.Equal(Err("ERR wrong number of arguments for 'msetnx' command"), kv.Command("MSETNX", "e"));
    }

    [Fact]
    public void RandomKeyPicksLiveKeysOnly()
    {
        Assert.Equal(Nil, kv.Command("RANDOMKEY"));
        kv.Command("SET", "gone", "v", "PX", "5");
        kv.Command("SET", "kept", "v");
        kv.Clock.Advance(TimeSpan.FromMilliseconds(5));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(Bulk("kept"), kv.Command("RANDOMKEY"));
        }

        kv.Command("SET", "", "empty name");
        HashSet<string> seen = [];
        for (int i = 0; i < 200 && seen.Count < 2; i++)
        {
            seen.Add(kv.Command("RANDOMKEY"));
        }

        Assert.Equal([Bulk(""), Bulk("kept")], seen.Order(StringComparer.Ordinal));
        Assert.Equal(Err("ERR wrong number of arguments for 'randomkey' command"), kv.Command("RANDOMKEY", "x"));
    }
}
