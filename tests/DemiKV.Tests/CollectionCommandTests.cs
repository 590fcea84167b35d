using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

public sealed class CollectionCommandTests : IDisposable
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Fact]
    public void ListsPushPopAndRange()
    {
        Assert.Equal(Int(3), kv.Command("RPUSH", "l", "a", "b", "c"));
        Assert.Equal(Int(5), kv.Command("LPUSH", "l", "y", "z"));
        Assert.Equal(Array("z", "y", "a", "b", "c"), kv.Command("LRANGE", "l", "0", "-1"));
        Assert.Equal(Array("b", "c"), kv.Command("LRANGE", "l", "-2", "100"));
        Assert.Equal("*0\r\n", kv.Command("LRANGE", "l", "3", "1"));
        Assert.Equal(Bulk("a"), kv.Command("LINDEX", "l", "2"));
        Assert.Equal(Bulk("c"), kv.Command("LINDEX", "l", "-1"));
        Assert.Equal(Nil, kv.Command("LINDEX", "l", "9"));
        Assert.Equal(Bulk("z"), kv.Command("LPOP", "l"));
        Assert.Equal(Bulk("c"), kv.Command("RPOP", "l"));
        Assert.Equal(Array("y", "a"), kv.Command("LPOP", "l", "2"));
        Assert.Equal(Array("b"), kv.Command("RPOP", "l", "5"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "l"));
        Assert.Equal(Nil, kv.Command("LPOP", "l"));
        Assert.Equal("*-1\r\n", kv.Command("LPOP", "l", "2"));
    }

    [Fact]
    public void ListErrorsMatchRedis()
    {
        kv.Command("SET", "s", "v");
        Assert.Equal(Err(WrongType), kv.Command("LPUSH", "s", "a"));
        Assert.Equal(Err(WrongType), kv.Command("LRANGE", "s", "0", "1"));
        Assert.Equal(Err("ERR value is out of range, must be positive"), kv.Command("LPOP", "s", "-1"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("LRANGE", "s", "a", "1"));
        Assert.Equal(Err("ERR wrong number of arguments for 'lpop' command"), kv.Command("LPOP", "s", "1", "2"));
        Assert.Equal(Err("ERR wrong number of arguments for 'lpush' command"), kv.Command("LPUSH", "s"));
    }

    [Fact]
    public void ListsGrowPastTheirRing()
    {
        for (int i = 0; i < 100; i++)
        {
            kv.Command(i % 2 == 0 ? "LPUSH" : "RPUSH", "l", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(Int(100), kv.Command("LLEN", "l"));
        Assert.Equal(Bulk("98"), kv.Command("LINDEX", "l", "0"));
        Assert.Equal(Bulk("99"), kv.Command("LINDEX", "l", "-1"));
    }

    [Fact]
    public void HashesSetGetDeleteAndIncrement()
    {
        Assert.Equal(Int(2), kv.Command("HSET", "h", "a", "1", "b", "2"));
        Assert.Equal(Int(0), kv.Command("HSET", "h", "a", "3"));
        Assert.Equal(Bulk("3"), kv.Command("HGET", "h", "a"));
        Assert.Equal(Nil, kv.Command("HGET", "h", "zz"));
        Assert.Equal(Int(2), kv.Command("HLEN", "h"));
        Assert.Equal(Int(1), kv.Command("HEXISTS", "h", "b"));
        Assert.Equal(Array("a", "3", "b", "2"), kv.Command("HGETALL", "h"));
        Assert.Equal(Int(13), kv.Command("HINCRBY", "h", "a", "10"));
        Assert.Equal(Int(-1), kv.Command("HINCRBY", "h", "new", "-1"));
        Assert.Equal(Int(3), kv.Command("HDEL", "h", "a", "b", "new", "zz"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "h"));
        Assert.Equal("*0\r\n", kv.Command("HGETALL", "h"));
    }

    [Fact]
    public void HashErrorsMatchRedis()
    {
        kv.Command("HSET", "h", "s", "abc");
        Assert.Equal(Err("ERR hash value is not an integer"), kv.Command("HINCRBY", "h", "s", "1"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("HINCRBY", "h", "s", "x"));
        Assert.Equal(Err("ERR wrong number of arguments for 'hset' command"), kv.Command("HSET", "h", "a", "1", "b"));
        kv.Command("HSET", "h", "big", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Err("ERR increment or decrement would overflow"), kv.Command("HINCRBY", "h", "big", "1"));
        Assert.Equal(Err(WrongType), kv.Command("GET", "h"));
    }

    [Fact]
    public void SetsAddRemovePopAndCount()
    {
        Assert.Equal(Int(3), kv.Command("SADD", "s", "a", "b", "c", "a"));
        Assert.Equal(Int(1), kv.Command("SISMEMBER", "s", "b"));
        Assert.Equal(Int(0), kv.Command("SISMEMBER", "s", "q"));
        Assert.Equal(Int(1), kv.Command("SREM", "s", "b", "q"));
        Assert.Equal(Int(2), kv.Command("SCARD", "s"));
        string members = kv.Command("SMEMBERS", "s");
        Assert.StartsWith("*2\r\n", members);
        Assert.Contains(Bulk("a"), members);
        Assert.Contains(Bulk("c"), members);
        string popped = kv.Command("SPOP", "s");
        Assert.True(popped == Bulk("a") || popped == Bulk("c"), popped);
        Assert.StartsWith("*1\r\n", kv.Command("SPOP", "s", "5"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "s"));
        Assert.Equal(Nil, kv.Command("SPOP", "s"));
        Assert.Equal("*0\r\n", kv.Command("SPOP", "s", "2"));
        Assert.Equal(Err("ERR value is out of range, must be positive"), kv.Command("SPOP", "s", "-2"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("SPOP", "s", "1", "2"));
    }
}
