using System.Text;
using DemiKV.Protocol;

namespace DemiKV.Tests;

public sealed class RespParserTests
{
    private static (ParseStatus Status, string[] Args, int Consumed, string Error) Parse(string input, RespLimits? limits = null)
    {
        RespParser parser = new(limits ?? new RespLimits());
        byte[] bytes = Encoding.Latin1.GetBytes(input);
        ParseStatus status = parser.Parse(bytes, out Arguments args, out int consumed);
        string[] values = new string[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            values[i] = Encoding.Latin1.GetString(args[i]);
        }

        return (status, values, consumed, parser.ErrorMessage);
    }

    [Fact]
    public void MultibulkArgumentsAreSlicesOfTheInput()
    {
        byte[] input = Encoding.ASCII.GetBytes("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n");
        RespParser parser = new(new RespLimits());
        Assert.Equal(ParseStatus.Command, parser.Parse(input, out Arguments args, out int consumed));
        Assert.Equal(input.Length, consumed);
        Assert.True(args[1].Overlaps(input), "the argument must point into the popped bytes, not a copy");
        Assert.Equal("key", Encoding.ASCII.GetString(args[1]));
    }

    [Fact]
    public void ParsesOnlyTheFirstOfPipelinedRequests()
    {
        var result = Parse("*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n");
        Assert.Equal(ParseStatus.Command, result.Status);
        Assert.Equal(14, result.Consumed);
    }

    [Theory]
    [InlineData("PING\r\n", new[] { "PING" })]
    [InlineData("set  a   b\n", new[] { "set", "a", "b" })]
    [InlineData("set k \"a b\\n\\x41\"\r\n", new[] { "set", "k", "a b\nA" })]
    [InlineData("echo 'it\\'s'\r\n", new[] { "echo", "it's" })]
    [InlineData("echo a\"b c\"\r\n", new[] { "echo", "ab c" })]
    [InlineData("echo \"\\q\"\r\n", new[] { "echo", "q" })]
    public void SplitsInlineCommandsLikeRedis(string line, string[] expected)
    {
        var result = Parse(line);
        Assert.Equal(ParseStatus.Command, result.Status);
        Assert.Equal(expected, result.Args);
        Assert.Equal(line.Length, result.Consumed);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("   \n")]
    [InlineData("*0\r\n")]
    [InlineData("*-1\r\n")]
    public void EmptyRequestsAreConsumedWithoutACommand(string input)
    {
        var result = Parse(input);
        Assert.Equal(ParseStatus.Empty, result.Status);
        Assert.Equal(input.Length, result.Consumed);
    }

    [Theory]
    [InlineData("*abc\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*01\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1048577\r\n", "Protocol error: invalid multibulk length")]
    [InlineData("*1\r\n+3\r\n", "Protocol error: expected '$', got '+'")]
    [InlineData("*1\r\n$-1\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$x\r\n", "Protocol error: invalid bulk length")]
    [InlineData("*1\r\n$536870913\r\n", "Protocol error: invalid bulk length")]
    [InlineData("set k \"abc\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("set k \"abc\"def\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("set k 'abc\r\n", "Protocol error: unbalanced quotes in request")]
    [InlineData("echo a\"b c\"d\r\n", "Protocol error: unbalanced quotes in request")]
    public void MalformedRequestsGetRedissProtocolErrors(string input, string error)
    {
        var result = Parse(input);
        Assert.Equal(ParseStatus.ProtocolError, result.Status);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void LimitsAreConfigurable()
    {
        RespLimits small = new() { MaxBulkLength = 4, MaxMultibulkCount = 2 };
        Assert.Equal(ParseStatus.ProtocolError, Parse("*3\r\n", small).Status);
        Assert.Equal(ParseStatus.ProtocolError, Parse("*1\r\n$5\r\n", small).Status);
        Assert.Equal(ParseStatus.Command, Parse("*2\r\n$4\r\nabcd\r\n$1\r\nx\r\n", small).Status);
    }

    [Theory]
    [InlineData('*', "Protocol error: too big mbulk count string")]
    [InlineData('$', "Protocol error: too big bulk count string")]
    [InlineData('i', "Protocol error: too big inline request")]
    public void OverlongLinesWithoutTerminatorAreRefused(char kind, string error)
    {
        string input = kind switch
        {
            '*' => "*" + new string('1', 70_000),
            '$' => "*1\r\n$" + new string('1', 70_000),
            _ => new string('a', 70_000),
        };
        var result = Parse(input);
        Assert.Equal(ParseStatus.ProtocolError, result.Status);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void ResumesARequestSplitAtEveryByte()
    {
        byte[] whole = Encoding.ASCII.GetBytes("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$10\r\n0123456789\r\n");
        for (int split = 1; split < whole.Length; split++)
        {
            RespParser parser = new(new RespLimits());
            Assert.Equal(ParseStatus.Incomplete, parser.Parse(whole.AsSpan(0, split), out _, out int none));
            Assert.Equal(0, none);
            Assert.Equal(ParseStatus.Command, parser.Parse(whole, out Arguments args, out int consumed));
            Assert.Equal(whole.Length, consumed);
            Assert.Equal("0123456789", Encoding.ASCII.GetString(args[2]));
        }
    }

    [Fact]
    public void ReportsHowManyBytesABigBulkStillNeeds()
    {
        RespParser parser = new(new RespLimits());
        byte[] head = Encoding.ASCII.GetBytes("*2\r\n$3\r\nSET\r\n$100000\r\nabc");
        Assert.Equal(ParseStatus.Incomplete, parser.Parse(head, out _, out _));
        Assert.Equal(4 + 9 + 9 + 100000 + 2, parser.BytesNeeded);
    }
}
