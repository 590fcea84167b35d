using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>RENAME, RENAMENX, EXPIREAT, PEXPIREAT, GETSET, UNLINK and TOUCH.</summary>
public sealed class RenameAndExpireAtTests : IDisposable
{
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    private static long UnixMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    [Fact]
    public void RenameMovesTheValueAndItsTtl()
    {
        kv.Command("RPUSH", "l", "a", "b");
        kv.Command("PEXPIRE", "l", "5000");
        kv.Command("SET", "target", "old");
        Assert.Equal(Ok, kv.Command("RENAME", "l", "target"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "l"));
        Assert.Equal(Array("a", "b"), kv.Command("LRANGE", "target", "0", "-1"));
        Assert.Equal(Int(5000), kv.Command("PTTL", "target"));
        kv.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(Int(0), kv.Command("EXISTS", "target"));
    }

    [Fact]
    public void RenameOfAPersistentKeyClearsTheTargetsTtl()
    {
        kv.Command("SET", "a", "1");
        kv.Command("SET", "b", "2", "EX", "100");
        Assert.Equal(Ok, kv.Command("RENAME", "a", "b"));
        Assert.Equal(Int(-1), kv.Command("TTL", "b"));
        Assert.Equal(Ok, kv.Command("RENAME", "b", "b"));
        Assert.Equal(Bulk("1"), kv.Command("GET", "b"));
    }

    [Fact]
    public void RenameErrorsAsRedis()
    {
        kv.Command("SET", "k", "v", "PX", "10");
        kv.Clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(Err("ERR no such key"), kv.Command("RENAME", "k", "x"));
        Assert.Equal(Err("ERR no such key"), kv.Command("RENAMENX", "missing", "x"));
        Assert.Equal(Err("ERR wrong number of arguments for 'rename' command"), kv.Command("RENAME", "k"));
        Assert.Equal(Err("ERR wrong number of arguments for 'renamenx' command"), kv.Command("RENAMENX", "k", "a", "b"));
    }

    [Fact]
    public void RenameNxRefusesATakenName()
    {
        kv.Command("MSET", "a", "1", "b", "2");
        Assert.Equal(Int(0), kv.Command("RENAMENX", "a", "b"));
        Assert.Equal(Int(0), kv.Command("RENAMENX", "a", "a"));
        Assert.Equal(Int(1), kv.Command("RENAMENX", "a", "c"));
        Assert.Equal(Bulk("1"), kv.Command("GET", "c"));
        Assert.Equal(Bulk("2"), kv.Command("GET", "b"));
    }

    [Fact]
    public void ExpireAtSetsAnAbsoluteDeadline()
    {
        kv.Command("SET", "k", "v");
        Assert.Equal(Int(1), kv.Command("PEXPIREAT", "k", (UnixMs + 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        long ttl = long.Parse(kv.Command("TTL", "k")[1..^2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 90, 100);
        Assert.Equal(Int(1), kv.Command("EXPIREAT", "k", ((UnixMs / 1000) + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), "GT"));
        Assert.Equal(Int(0), kv.Command("EXPIREAT", "k", "1", "GT"));
        Assert.Equal(Int(1), kv.Command("EXPIREAT", "k", "1"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "k"));
        Assert.Equal(Int(0), kv.Command("EXPIREAT", "k", "99999999999"));
    }

    [Fact]
    public void ExpireAtErrorsAsRedis()
    {
        kv.Command("SET", "k", "v");
        Assert.Equal(Err("ERR invalid expire time in 'expireat' command"), kv.Command("EXPIREAT", "k", "9223372036854775807"));
        Assert.Equal(Int(1), kv.Command("PEXPIREAT", "k", "9223372036854775807"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("PEXPIREAT", "k", "soon"));
        Assert.Equal(Err("ERR Unsupported option BAD"), kv.Command("EXPIREAT", "k", "1", "BAD"));
        Assert.Equal(Err("ERR wrong number of arguments for 'pexpireat' command"), kv.Command("PEXPIREAT", "k"));
    }

    [Fact]
    public void GetSetReturnsTheOldValueAndDropsTheTtl()
    {
        kv.Command("SET", "k", "old", "EX", "100");
        kv.Command("RPUSH", "l", "a");
        Assert.Equal(Bulk("old"), kv.Command("GETSET", "k", "new"));
        Assert.Equal(Int(-1), kv.Command("TTL", "k"));
        Assert.Equal(Bulk("new"), kv.Command("GET", "k"));
        Assert.Equal(Nil, kv.Command("GETSET", "fresh", "v"));
        Assert.Equal(Bulk("v"), kv.Command("GET", "fresh"));
        Assert.Equal(Err("WRONGTYPE Operation against a key holding the wrong kind of value"), kv.Command("GETSET", "l", "v"));
        Assert.Equal(Err("ERR wrong number of arguments for 'getset' command"), kv.Command("GETSET", "k"));
    }

    [Fact]
    public void UnlinkDeletesAndTouchCounts()
    {
        kv.Command("MSET", "a", "1", "b", "2");
        Assert.Equal(Int(3), kv.Command("TOUCH", "a", "b", "a", "c"));
        Assert.Equal(Int(2), kv.Command("UNLINK", "a", "b", "c"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "a", "b"));
        Assert.Equal(Err("ERR wrong number of arguments for 'unlink' command"), kv.Command("UNLINK"));
        Assert.Equal(Err("ERR wrong number of arguments for 'touch' command"), kv.Command("TOUCH"));
    }
}
