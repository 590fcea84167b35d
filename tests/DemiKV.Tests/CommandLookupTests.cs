using System.Text;
using DemiKV.Commands;

namespace DemiKV.Tests;

/// <summary>Command names are found in any letter case, and only the exact name is.</summary>
public sealed class CommandLookupTests
{
    [Theory]
    [InlineData("get", "get")]
    [InlineData("GET", "get")]
    [InlineData("gEt", "get")]
    [InlineData("SISMEMBER", "sismember")]
    [InlineData("hIncrBy", "hincrby")]
    [InlineData("FlushAll", "flushall")]
    public void EveryLetterCaseFindsTheCommand(string name, string expected) =>
        Assert.Equal(expected, CommandTable.Find(Encoding.ASCII.GetBytes(name))?.Name);

    [Theory]
    [InlineData("ge")]
    [InlineData("gett")]
    [InlineData("get\0")]
    [InlineData("\0get")]
    [InlineData("g@t")]
    [InlineData("GET ")]
    [InlineData("sismemberx")]
    [InlineData("")]
    [InlineData("averyveryverylongcommandname")]
    public void OtherBytesFindNothing(string name) => Assert.Null(CommandTable.Find(Encoding.Latin1.GetBytes(name)));

    [Fact]
    public void BytesThatLowerOnlyUnderAsciiRulesDoNotMatch()
    {
        // 'G' | 0x80 and 'É' are not letters of ASCII: lowering must not turn them into 'g' or 'é'-like matches.
        Assert.Null(CommandTable.Find([(byte)('G' | 0x80), (byte)'E', (byte)'T']));
        Assert.Null(CommandTable.Find([(byte)'g', 0xC9, (byte)'t']));
        Assert.Equal("get", CommandTable.Find([(byte)'G', (byte)'E', (byte)'T'])?.Name);
    }
}
