using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>SRANDMEMBER (single, distinct and repeating picks) and SMISMEMBER, on packed and table sets.</summary>
public sealed class SetSampleCommandTests : IDisposable
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Theory]
    [InlineData(5)]
    [InlineData(400)]
    public void PositiveCountsPickDistinctMembers(int size)
    {
        HashSet<string> members = Fill(size);
        foreach (int count in new[] { 1, 3, size - 1, size, size + 10 })
        {
            List<string> picked = Elements(kv.Command("SRANDMEMBER", "s", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(Math.Min(count, size), picked.Count);
            Assert.Equal(picked.Count, picked.Distinct().Count());
            Assert.Subset(members, picked.ToHashSet());
        }

        Assert.Equal(Int(size), kv.Command("SCARD", "s"));
    }

    [Fact]
    public void DistinctPicksReachEveryMember()
    {
        HashSet<string> members = Fill(20);
        HashSet<string> seen = [];
        for (int round = 0; round < 200 && seen.Count < members.Count; round++)
        {
            seen.UnionWith(Elements(kv.Command("SRANDMEMBER", "s", "3")));
        }

        Assert.Equal(members, seen);
    }

    [Fact]
    public void NegativeCountsMayRepeat()
    {
        HashSet<string> members = Fill(2);
        List<string> picked = Elements(kv.Command("SRANDMEMBER", "s", "-50"));
        Assert.Equal(50, picked.Count);
        Assert.Subset(members, picked.ToHashSet());
        Assert.True(picked.Distinct().Count() <= 2);
    }

    [Fact]
    public void SingleAndZeroAndMissing()
    {
        kv.Command("SADD", "one", "m");
        Assert.Equal(Bulk("m"), kv.Command("SRANDMEMBER", "one"));
        Assert.Equal(Array("m", "m", "m"), kv.Command("SRANDMEMBER", "one", "-3"));
        Assert.Equal("*0\r\n", kv.Command("SRANDMEMBER", "one", "0"));
        Assert.Equal(Nil, kv.Command("SRANDMEMBER", "missing"));
        Assert.Equal("*0\r\n", kv.Command("SRANDMEMBER", "missing", "5"));
        Assert.Equal("*0\r\n", kv.Command("SRANDMEMBER", "missing", "-5"));
    }

    [Fact]
    public void SRandMemberErrorsAsRedis()
    {
        kv.Command("SET", "str", "v");
        kv.Command("SADD", "s", "m");
        Assert.Equal(Err("ERR syntax error"), kv.Command("SRANDMEMBER", "s", "1", "2"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("SRANDMEMBER", "missing", "x"));
        Assert.Equal(
            Err("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"),
            kv.Command("SRANDMEMBER", "s", "-9223372036854775808"));
        Assert.Equal(
            Err("ERR value is out of range, value must between -1048576 and 9223372036854775807"),
            kv.Command("SRANDMEMBER", "s", "-1048577"));
        Assert.Equal(Err(WrongType), kv.Command("SRANDMEMBER", "str"));
        Assert.Equal(Err(WrongType), kv.Command("SRANDMEMBER", "str", "2"));
        Assert.Equal(Err("ERR wrong number of arguments for 'srandmember' command"), kv.Command("SRANDMEMBER"));
    }

    [Fact]
    public void SMIsMemberAnswersPerMember()
    {
        Fill(300);
        kv.Command("SET", "str", "v");
        Assert.Equal("*3\r\n:1\r\n:0\r\n:1\r\n", kv.Command("SMISMEMBER", "s", "m0", "zz", "m299"));
        Assert.Equal("*2\r\n:0\r\n:0\r\n", kv.Command("SMISMEMBER", "missing", "a", "b"));
        Assert.Equal(Err(WrongType), kv.Command("SMISMEMBER", "str", "a"));
        Assert.Equal(Err("ERR wrong number of arguments for 'smismember' command"), kv.Command("SMISMEMBER", "s"));
    }

    private HashSet<string> Fill(int size)
    {
        HashSet<string> members = [];
        for (int i = 0; i < size; i++)
        {
            members.Add("m" + i);
            kv.Command("SADD", "s", "m" + i);
        }

        return members;
    }

    // The bulk strings of an array reply.
    private static List<string> Elements(string reply)
    {
        string[] lines = reply.Split("\r\n");
        List<string> elements = [];
        for (int i = 2; i < lines.Length; i += 2)
        {
            elements.Add(lines[i]);
        }

        return elements;
    }
}
