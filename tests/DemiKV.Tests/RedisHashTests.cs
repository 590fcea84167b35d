using System.Text;
using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class RedisHashTests
{
    [Fact]
    public void ASmallHashKeepsRedisOrderThroughReplacesAndDeletes()
    {
        RedisHash hash = new();
        Assert.True(hash.Set("a"u8, Bytes("1")));
        Assert.True(hash.Set("b"u8, Bytes("2")));
        Assert.True(hash.Set("c"u8, Bytes("3")));
        Assert.False(hash.Set("a"u8, Bytes("4")));
        Assert.True(hash.Remove("b"u8));
        Assert.False(hash.Remove("b"u8));
        Assert.True(hash.Set("d"u8, Bytes("5")));
        Assert.Equal(["a=4", "c=3", "d=5"], Pairs(hash));
        Assert.Null(hash.Get("b"u8));
        Assert.Equal("3", Encoding.ASCII.GetString(hash.Get("c"u8)!));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(RedisHash.SmallLimit + 5)]
    public void SameLengthValuesAreWrittenOverInPlace(int fields)
    {
        RedisHash hash = new();
        for (int i = 0; i < fields; i++)
        {
            hash.Set(Bytes("f" + i), Bytes("abc"));
        }

        byte[] stored = hash.Get("f0"u8)!;
        Assert.False(hash.Set("f0"u8, "xyz"u8));
        Assert.Same(stored, hash.Get("f0"u8));
        Assert.Equal("xyz", Encoding.ASCII.GetString(stored));
        Assert.False(hash.Set("f0"u8, "longer"u8));
        Assert.NotSame(stored, hash.Get("f0"u8));
        Assert.Equal("longer", Encoding.ASCII.GetString(hash.Get("f0"u8)!));
        Assert.Equal("abc", Encoding.ASCII.GetString(hash.Get(Bytes("f" + (fields - 1)))!));
    }

    [Fact]
    public void CrossingTheSmallLimitKeepsEveryFieldPositionAndValue()
    {
        RedisHash hash = new();
        for (int i = 0; i < RedisHash.SmallLimit; i++)
        {
            hash.Set(Bytes("f" + i), Bytes("v" + i));
        }

        string[] before = Pairs(hash);
        Assert.True(hash.Set("past"u8, Bytes("p")));
        Assert.Equal([.. before, "past=p"], Pairs(hash));
        Assert.False(hash.Set("f3"u8, Bytes("changed")));
        Assert.Equal("changed", Encoding.ASCII.GetString(hash.Get("f3"u8)!));
        Assert.True(hash.Remove("f0"u8));
        Assert.Equal(RedisHash.SmallLimit, hash.Count);
        Assert.Null(hash.Get("f0"u8));
    }

    [Fact]
    public void ALargeHashMatchesADictionary()
    {
        RedisHash hash = new();
        Dictionary<string, string> model = [];
        Random random = new(8);
        for (int op = 0; op < 60_000; op++)
        {
            string field = "field:" + random.Next(20_000);
            if (random.Next(4) == 0)
            {
                Assert.Equal(model.Remove(field), hash.Remove(Bytes(field)));
            }
            else
            {
                string value = "v" + op;
                bool isNew = !model.ContainsKey(field);
                model[field] = value;
                Assert.Equal(isNew, hash.Set(Bytes(field), Bytes(value)));
            }
        }

        Assert.Equal(model.Count, hash.Count);
        Assert.Equal(model.Select(p => p.Key + "=" + p.Value).Order(), Pairs(hash).Order());
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private static string[] Pairs(RedisHash hash) =>
        Enumerable.Range(0, hash.Count).Select(i => Encoding.ASCII.GetString(hash.FieldAt(i)) + "=" + Encoding.ASCII.GetString(hash.ValueAt(i))).ToArray();
}
