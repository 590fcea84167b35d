using System.Globalization;
using System.Text;
using CsCheck;
using DemiKV.Protocol;
using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>
/// Long double parsing, adding and printing (expected texts are what redis-server 7.0 answers), and INCRBYFLOAT's
/// replies and error paths.
/// </summary>
public sealed class ExtendedFloatTests : IDisposable
{
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Theory]
    [InlineData("0", "12345.678", "12345.67799999999999994")]
    [InlineData("12345.67799999999999994", "0.1", "12345.77799999999999958")]
    [InlineData("0.1", "0.2", "0.3")]
    [InlineData("10", "0.5", "10.5")]
    [InlineData("10.5", "5.0e3", "5010.5")]
    [InlineData("0", "1e20", "100000000000000000000")]
    [InlineData("-0.1", "0.1", "0")]
    [InlineData("0", "0x1.8p3", "12")]
    [InlineData("0", "1.5e-7", "0.00000015")]
    [InlineData("0", "1e-4940", "0")]
    [InlineData("3.14159265358979", "0", "3.14159265358979")]
    public void SumsPrintAsRedisPrintsThem(string a, string b, string expected)
    {
        Assert.Equal(expected, Sum(a, b));
    }

    [Fact]
    public void IntegerSumsAreExact()
    {
        Gen.Select(Gen.Long[-(1L << 62), 1L << 62], Gen.Long[-(1L << 62), 1L << 62]).Sample((a, b) =>
            Assert.Equal((a + b).ToString(CultureInfo.InvariantCulture), Sum(a.ToString(CultureInfo.InvariantCulture), b.ToString(CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("nan")]
    [InlineData("abc")]
    [InlineData("1e")]
    [InlineData(".")]
    [InlineData("0x")]
    [InlineData("1.2.3")]
    [InlineData("1e5000")]
    [InlineData("1e-5000")]
    [InlineData("0x1p99999")]
    public void RefusesWhatRedisRefuses(string text)
    {
        Assert.False(ExtendedFloat.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void InfinityParsesButNeverSums()
    {
        Assert.True(ExtendedFloat.TryParse("-Infinity"u8, out ExtendedFloat negative));
        Assert.True(ExtendedFloat.TryParse("inf"u8, out ExtendedFloat positive));
        Assert.True(ExtendedFloat.Add(positive, default)!.Value.IsInfinity);
        Assert.Null(ExtendedFloat.Add(positive, negative));
        Assert.True(ExtendedFloat.TryParse("1e4932"u8, out ExtendedFloat large));
        Assert.True(ExtendedFloat.Add(large, large)!.Value.IsInfinity);
    }

    [Fact]
    public void IncrByFloatStoresTheSumAndKeepsTheTtl()
    {
        kv.Command("SET", "f", "5", "EX", "100");
        Assert.Equal(Bulk("6.25"), kv.Command("INCRBYFLOAT", "f", "1.25"));
        Assert.Equal(Bulk("6.25"), kv.Command("GET", "f"));
        Assert.Equal(Int(100), kv.Command("TTL", "f"));
        Assert.Equal(Bulk("-2"), kv.Command("INCRBYFLOAT", "new", "-2"));
    }

    [Fact]
    public void IncrByFloatErrorsAsRedis()
    {
        kv.Command("RPUSH", "l", "a");
        kv.Command("SET", "text", "abc");
        kv.Command("SET", "big", "1e4932");
        Assert.Equal(Err("WRONGTYPE Operation against a key holding the wrong kind of value"), kv.Command("INCRBYFLOAT", "l", "abc"));
        Assert.Equal(Err("ERR value is not a valid float"), kv.Command("INCRBYFLOAT", "text", "1"));
        Assert.Equal(Err("ERR value is not a valid float"), kv.Command("INCRBYFLOAT", "f", "nan"));
        Assert.Equal(Err("ERR increment would produce NaN or Infinity"), kv.Command("INCRBYFLOAT", "f", "inf"));
        Assert.Equal(Err("ERR increment would produce NaN or Infinity"), kv.Command("INCRBYFLOAT", "big", "1e4932"));
        Assert.Equal(Bulk("1e4932"), kv.Command("GET", "big"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "f"));
        Assert.Equal(Err("ERR wrong number of arguments for 'incrbyfloat' command"), kv.Command("INCRBYFLOAT", "f"));
    }

    private static string Sum(string a, string b)
    {
        Assert.True(ExtendedFloat.TryParse(Encoding.ASCII.GetBytes(a), out ExtendedFloat x));
        Assert.True(ExtendedFloat.TryParse(Encoding.ASCII.GetBytes(b), out ExtendedFloat y));
        return ExtendedFloat.Add(x, y)!.Value.ToString();
    }
}
