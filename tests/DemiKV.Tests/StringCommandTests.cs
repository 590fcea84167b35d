using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

public sealed class StringCommandTests : IDisposable
{
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Fact]
    public void SetThenGetReturnsTheValue()
    {
        Assert.Equal(Ok, kv.Command("SET", "k", "v"));
        Assert.Equal(Bulk("v"), kv.Command("get", "k"));
        Assert.Equal(Nil, kv.Command("GET", "missing"));
    }

    [Fact]
    public void OverwritingWithAValueOfTheSameLengthChangesOnlyThatKey()
    {
        Assert.Equal(Ok, kv.Command("MSET", "a", "abc", "b", "abc"));
        Assert.Equal(Bulk("abc"), kv.Command("SET", "a", "xyz", "GET"));
        Assert.Equal(Ok, kv.Command("MSET", "b", "123", "b", "456"));
        Assert.Equal(Ok, kv.Command("SETEX", "a", "100", "pqr"));
        Assert.Equal(Bulk("pqr"), kv.Command("GET", "a"));
        Assert.Equal(Bulk("456"), kv.Command("GET", "b"));
        Assert.Equal(Ok, kv.Command("SET", "a", "longer"));
        Assert.Equal(Bulk("longer"), kv.Command("GET", "a"));
        Assert.Equal(Int(-1), kv.Command("TTL", "a"));
    }

    [Fact]
    public void SetHonoursNxXxAndGet()
    {
        Assert.Equal(Nil, kv.Command("SET", "k", "1", "XX"));
        Assert.Equal(Ok, kv.Command("SET", "k", "1", "NX"));
        Assert.Equal(Nil, kv.Command("SET", "k", "2", "NX"));
        Assert.Equal(Bulk("1"), kv.Command("SET", "k", "3", "GET"));
        Assert.Equal(Bulk("3"), kv.Command("SET", "k", "4", "XX", "GET"));
        Assert.Equal(Bulk("4"), kv.Command("GET", "k"));
    }

    [Fact]
    public void SetRejectsConflictingOrBadOptions()
    {
        Assert.Equal(Err("ERR syntax error"), kv.Command("SET", "k", "v", "NX", "XX"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("SET", "k", "v", "EX", "1", "PX", "5"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("SET", "k", "v", "EX", "1", "KEEPTTL"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("SET", "k", "v", "EX"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("SET", "k", "v", "BOGUS"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("SET", "k", "v", "EX", "soon"));
        Assert.Equal(Err("ERR invalid expire time in 'set' command"), kv.Command("SET", "k", "v", "EX", "0"));
        Assert.Equal(Err("ERR invalid expire time in 'set' command"), kv.Command("SET", "k", "v", "PX", "-5"));
    }

    [Fact]
    public void SetWithGetOnAListIsWrongTypeAndChangesNothing()
    {
        kv.Command("LPUSH", "l", "a");
        Assert.Equal(Err("WRONGTYPE Operation against a key holding the wrong kind of value"), kv.Command("SET", "l", "v", "GET"));
        Assert.Equal(Int(1), kv.Command("LLEN", "l"));
    }

    [Fact]
    public void SetExpiresAndKeepTtlKeepsTheDeadline()
    {
        kv.Command("SET", "k", "v", "EX", "10");
        Assert.Equal(Int(10), kv.Command("TTL", "k"));
        kv.Command("SET", "k", "w", "KEEPTTL");
        Assert.Equal(Int(10000), kv.Command("PTTL", "k"));
        kv.Command("SET", "k", "x");
        Assert.Equal(Int(-1), kv.Command("TTL", "k"));
    }

    [Fact]
    public void GetDelSetNxSetExWork()
    {
        kv.Command("SET", "k", "v");
        Assert.Equal(Bulk("v"), kv.Command("GETDEL", "k"));
        Assert.Equal(Nil, kv.Command("GETDEL", "k"));
        Assert.Equal(Int(1), kv.Command("SETNX", "k", "a"));
        Assert.Equal(Int(0), kv.Command("SETNX", "k", "b"));
        Assert.Equal(Ok, kv.Command("SETEX", "e", "5", "v"));
        Assert.Equal(Int(5), kv.Command("TTL", "e"));
        Assert.Equal(Err("ERR invalid expire time in 'setex' command"), kv.Command("SETEX", "e", "0", "v"));
    }

    [Fact]
    public void MsetAndMgetHandleManyKeysAndOtherTypes()
    {
        Assert.Equal(Ok, kv.Command("MSET", "a", "1", "b", "2"));
        kv.Command("LPUSH", "l", "x");
        Assert.Equal("*4\r\n" + Bulk("1") + Bulk("2") + Nil + Nil, kv.Command("MGET", "a", "b", "l", "nope"));
        Assert.Equal(Err("ERR wrong number of arguments for 'mset' command"), kv.Command("MSET", "a", "1", "b"));
    }

    [Fact]
    public void CountersFollowRedisErrors()
    {
        Assert.Equal(Int(1), kv.Command("INCR", "n"));
        Assert.Equal(Int(11), kv.Command("INCRBY", "n", "10"));
        Assert.Equal(Int(10), kv.Command("DECR", "n"));
        Assert.Equal(Int(-5), kv.Command("DECRBY", "n", "15"));
        kv.Command("SET", "s", "abc");
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("INCR", "s"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("INCRBY", "n", "1.5"));
        kv.Command("SET", "max", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Err("ERR increment or decrement would overflow"), kv.Command("INCR", "max"));
        Assert.Equal(Err("ERR decrement would overflow"), kv.Command("DECRBY", "n", long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        kv.Command("SET", "spaced", " 1");
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("INCR", "spaced"));
    }

    [Fact]
    public void IncrKeepsTheTtl()
    {
        kv.Command("SET", "n", "1", "EX", "100");
        kv.Command("INCR", "n");
        Assert.Equal(Int(100), kv.Command("TTL", "n"));
    }

    [Fact]
    public void AppendAndStrlen()
    {
        Assert.Equal(Int(3), kv.Command("APPEND", "k", "abc"));
        Assert.Equal(Int(6), kv.Command("APPEND", "k", "def"));
        Assert.Equal(Int(6), kv.Command("STRLEN", "k"));
        Assert.Equal(Int(0), kv.Command("STRLEN", "nope"));
        Assert.Equal(Bulk("abcdef"), kv.Command("GET", "k"));
    }

    [Fact]
    public void AppendPastTheBulkLimitIsRefused()
    {
        using KvHarness small = new(limits: new Protocol.RespLimits { MaxBulkLength = 6 });
        small.Command("SET", "k", "abcd");
        Assert.Equal(Err("ERR string exceeds maximum allowed size (proto-max-bulk-len)"), small.Command("APPEND", "k", "efg"));
        Assert.Equal(Int(6), small.Command("APPEND", "k", "ef"));
    }

    [Fact]
    public void LargeValuesRoundTripAcrossReplyChunks()
    {
        string big = new('x', 200_000);
        kv.Command("SET", "big", big);
        Assert.Equal(Bulk(big), kv.Command("GET", "big"));
    }
}
