using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>LSET, LTRIM, LREM, LPUSHX and RPUSHX replies, their error paths, and deletion of an emptied list.</summary>
public sealed class ListEditCommandTests : IDisposable
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private const string NotInteger = "ERR value is not an integer or out of range";

    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Fact]
    public void LSetWritesOverAnElementFromEitherEnd()
    {
        kv.Command("RPUSH", "l", "a", "b", "c");
        Assert.Equal(Ok, kv.Command("LSET", "l", "0", "first"));
        Assert.Equal(Ok, kv.Command("LSET", "l", "-1", new string('z', 300)));
        Assert.Equal(Array("first", "b", new string('z', 300)), kv.Command("LRANGE", "l", "0", "-1"));
    }

    [Fact]
    public void LSetErrorsAsRedis()
    {
        kv.Command("RPUSH", "l", "a");
        kv.Command("SET", "s", "v");
        Assert.Equal(Err("ERR index out of range"), kv.Command("LSET", "l", "1", "x"));
        Assert.Equal(Err("ERR index out of range"), kv.Command("LSET", "l", "-2", "x"));
        Assert.Equal(Err(NotInteger), kv.Command("LSET", "l", "one", "x"));
        Assert.Equal(Err("ERR no such key"), kv.Command("LSET", "missing", "one", "x"));
        Assert.Equal(Err(WrongType), kv.Command("LSET", "s", "0", "x"));
        Assert.Equal(Err("ERR wrong number of arguments for 'lset' command"), kv.Command("LSET", "l", "0"));
    }

    [Theory]
    [InlineData("1", "-2", "b c d")]
    [InlineData("-2", "-1", "d e")]
    [InlineData("-100", "100", "a b c d e")]
    [InlineData("0", "0", "a")]
    [InlineData("3", "1", "")]
    [InlineData("5", "10", "")]
    [InlineData("-1", "-3", "")]
    public void LTrimKeepsTheRangeLRangeWouldGive(string start, string stop, string kept)
    {
        kv.Command("RPUSH", "l", "a", "b", "c", "d", "e");
        Assert.Equal(Ok, kv.Command("LTRIM", "l", start, stop));
        string[] elements = kept.Length == 0 ? [] : kept.Split(' ');
        Assert.Equal(Array(elements), kv.Command("LRANGE", "l", "0", "-1"));
        Assert.Equal(Int(elements.Length == 0 ? 0 : 1), kv.Command("EXISTS", "l"));
    }

    [Fact]
    public void LTrimErrorsAsRedis()
    {
        kv.Command("SET", "s", "v");
        Assert.Equal(Ok, kv.Command("LTRIM", "missing", "0", "1"));
        Assert.Equal(Err(NotInteger), kv.Command("LTRIM", "missing", "x", "1"));
        Assert.Equal(Err(NotInteger), kv.Command("LTRIM", "missing", "0", "1.5"));
        Assert.Equal(Err(WrongType), kv.Command("LTRIM", "s", "0", "1"));
        Assert.Equal(Err("ERR wrong number of arguments for 'ltrim' command"), kv.Command("LTRIM", "s", "0"));
    }

    [Fact]
    public void LRemCountsFromEitherEndAndDeletesAnEmptiedList()
    {
        kv.Command("RPUSH", "l", "x", "a", "x", "b", "x");
        Assert.Equal(Int(1), kv.Command("LREM", "l", "-1", "x"));
        Assert.Equal(Array("x", "a", "x", "b"), kv.Command("LRANGE", "l", "0", "-1"));
        Assert.Equal(Int(1), kv.Command("LREM", "l", "1", "x"));
        Assert.Equal(Array("a", "x", "b"), kv.Command("LRANGE", "l", "0", "-1"));
        Assert.Equal(Int(0), kv.Command("LREM", "l", "0", "nothing"));
        Assert.Equal(Int(1), kv.Command("LREM", "l", "0", "a"));
        Assert.Equal(Int(1), kv.Command("LREM", "l", "0", "x"));
        Assert.Equal(Int(1), kv.Command("LREM", "l", "5", "b"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "l"));
    }

    [Fact]
    public void LRemErrorsAsRedis()
    {
        kv.Command("SET", "s", "v");
        Assert.Equal(Int(0), kv.Command("LREM", "missing", "1", "x"));
        Assert.Equal(Err(NotInteger), kv.Command("LREM", "missing", "x", "x"));
        Assert.Equal(Err(WrongType), kv.Command("LREM", "s", "1", "x"));
        Assert.Equal(Err("ERR wrong number of arguments for 'lrem' command"), kv.Command("LREM", "s", "1"));
    }

    [Fact]
    public void PushXPushesOnlyOntoAnExistingList()
    {
        kv.Command("SET", "s", "v");
        Assert.Equal(Int(0), kv.Command("LPUSHX", "l", "a"));
        Assert.Equal(Int(0), kv.Command("RPUSHX", "l", "a"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "l"));
        kv.Command("RPUSH", "l", "m");
        Assert.Equal(Int(3), kv.Command("LPUSHX", "l", "b", "a"));
        Assert.Equal(Int(4), kv.Command("RPUSHX", "l", "z"));
        Assert.Equal(Array("a", "b", "m", "z"), kv.Command("LRANGE", "l", "0", "-1"));
        Assert.Equal(Err(WrongType), kv.Command("LPUSHX", "s", "a"));
        Assert.Equal(Err(WrongType), kv.Command("RPUSHX", "s", "a"));
        Assert.Equal(Err("ERR wrong number of arguments for 'rpushx' command"), kv.Command("RPUSHX", "l"));
    }
}
