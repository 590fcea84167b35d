using System.Globalization;
using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>LINDEX and LRANGE replies on a list of several nodes, with negative indexes and binary elements.</summary>
public sealed class ListCommandTests : IDisposable
{
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Fact]
    public void IndexAnswersEveryPositionFromEitherEnd()
    {
        List<string> model = Fill(700);
        for (int i = 0; i < model.Count; i++)
        {
            Assert.Equal(Bulk(model[i]), kv.Command("LINDEX", "l", Text(i)));
            Assert.Equal(Bulk(model[i]), kv.Command("LINDEX", "l", Text(i - model.Count)));
        }

        Assert.Equal(Nil, kv.Command("LINDEX", "l", Text(model.Count)));
        Assert.Equal(Nil, kv.Command("LINDEX", "l", Text(-model.Count - 1)));
    }

    [Theory]
    [InlineData(-700, -1)]
    [InlineData(-300, -200)]
    [InlineData(-257, -255)]
    [InlineData(250, -400)]
    [InlineData(-1000, 260)]
    [InlineData(-1, -1)]
    [InlineData(-5, 10_000)]
    [InlineData(-10, -20)]
    public void RangeCrossesNodeBoundariesWithNegativeIndexes(int start, int stop)
    {
        List<string> model = Fill(700);
        int from = start < 0 ? Math.Max(0, start + model.Count) : start;
        int to = Math.Min(stop < 0 ? stop + model.Count : stop, model.Count - 1);
        string[] expected = from > to ? [] : [.. model.GetRange(from, to - from + 1)];
        Assert.Equal(Array(expected), kv.Command("LRANGE", "l", Text(start), Text(stop)));
    }

    [Fact]
    public void BinaryAndEmptyElementsReplyByteForByte()
    {
        string[] elements = ["", "\r\n", "a\r\nb\0\u00ff\r\n", "$3\r\nabc\r\n", "\0", new string('\u0080', 200)];
        kv.Command(["RPUSH", "b", .. elements]);
        kv.Command(["LPUSH", "b", .. elements]);
        string[] expected = [.. elements.Reverse(), .. elements];
        Assert.Equal(Array(expected), kv.Command("LRANGE", "b", "0", "-1"));
        Assert.Equal(Bulk(""), kv.Command("LINDEX", "b", "-6"));
        Assert.Equal(Array(elements[^1], elements[^2]), kv.Command("LPOP", "b", "2"));
        Assert.Equal(Array(elements[^1], elements[^2]), kv.Command("RPOP", "b", "2"));
        Assert.Equal(Bulk(elements[^3]), kv.Command("RPOP", "b"));
    }

    // 700 elements of varied lengths pushed at both ends: nodes of both kinds.
    private List<string> Fill(int count)
    {
        List<string> model = [];
        for (int i = 0; i < count; i++)
        {
            string value = "e" + Text(i) + new string('x', i % 13 == 0 ? 140 : i % 9);
            if (i % 3 == 0)
            {
                kv.Command("LPUSH", "l", value);
                model.Insert(0, value);
            }
            else
            {
                kv.Command("RPUSH", "l", value);
                model.Add(value);
            }
        }

        return model;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
