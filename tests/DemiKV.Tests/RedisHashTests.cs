using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        Assert.False(hash.TryGet("b"u8, out _));
        Assert.Equal("3", Get(hash, "c"));
        Assert.True(hash.IsPacked);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void DeletingAFieldAtTheFrontMiddleOrEndClosesTheGap(int deleted)
    {
        RedisHash hash = new();
        for (int i = 0; i < 5; i++)
        {
            hash.Set(Bytes("f" + i), Bytes(new string('v', i * 15)));
        }

        Assert.True(hash.Remove(Bytes("f" + deleted)));
        string[] expected = Enumerable.Range(0, 5).Where(i => i != deleted).Select(i => "f" + i + "=" + new string('v', i * 15)).ToArray();
        Assert.Equal(expected, Pairs(hash));
        Assert.True(hash.Set(Bytes("f" + deleted), "back"u8));
        Assert.Equal([.. expected, "f" + deleted + "=back"], Pairs(hash));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    [InlineData(3, 64)]
    [InlineData(64, 1)]
    public void OverwritingWithADifferentLengthKeepsTheOrder(int before, int after)
    {
        RedisHash hash = new();
        hash.Set("a"u8, "1"u8);
        hash.Set("b"u8, Bytes(new string('x', before)));
        hash.Set("c"u8, "3"u8);
        Assert.False(hash.Set("b"u8, Bytes(new string('y', after))));
        Assert.Equal(["a=1", "b=" + new string('y', after), "c=3"], Pairs(hash));
        Assert.True(hash.IsPacked);
    }

    [Fact]
    public void EmptyAndBinaryFieldsAndValuesAreKeptExactly()
    {
        RedisHash hash = new();
        byte[] binary = [0, 13, 10, 255, 0, 36, 13, 10];
        Assert.True(hash.Set(""u8, ""u8));
        Assert.True(hash.Set(binary, binary));
        Assert.True(hash.Set("e"u8, ""u8));
        Assert.True(hash.TryGet(""u8, out ReadOnlySpan<byte> empty));
        Assert.Equal(0, empty.Length);
        Assert.True(hash.TryGet(binary, out ReadOnlySpan<byte> value));
        Assert.Equal(binary, value.ToArray());
        Assert.False(hash.TryGet(binary.AsSpan(0, 7), out _));
        Assert.True(hash.Remove(""u8));
        Assert.Equal(2, hash.Count);
        Assert.True(hash.Contains("e"u8));
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

        Assert.True(hash.TryGet("f0"u8, out ReadOnlySpan<byte> stored));
        Assert.False(hash.Set("f0"u8, "xyz"u8));
        Assert.True(hash.TryGet("f0"u8, out ReadOnlySpan<byte> again));
        Assert.True(Unsafe.AreSame(in MemoryMarshal.GetReference(stored), in MemoryMarshal.GetReference(again)));
        Assert.Equal("xyz", Encoding.ASCII.GetString(stored));
        Assert.False(hash.Set("f0"u8, "longer"u8));
        Assert.Equal("longer", Get(hash, "f0"));
        Assert.Equal("abc", Get(hash, "f" + (fields - 1)));
    }

    [Fact]
    public void TheSmallLimitFieldIsPackedAndTheNextMovesToTheTableKeepingOrder()
    {
        RedisHash hash = new();
        for (int i = 0; i < RedisHash.SmallLimit; i++)
        {
            hash.Set(Bytes("f" + i), Bytes("v" + i));
        }

        Assert.True(hash.IsPacked);
        string[] before = Pairs(hash);
        Assert.True(hash.Set("past"u8, Bytes("p")));
        Assert.False(hash.IsPacked);
        Assert.Equal([.. before, "past=p"], Pairs(hash));
        Assert.False(hash.Set("f3"u8, Bytes("changed")));
        Assert.Equal("changed", Get(hash, "f3"));
        Assert.True(hash.Remove("f0"u8));
        Assert.Equal(RedisHash.SmallLimit, hash.Count);
        Assert.False(hash.TryGet("f0"u8, out _));
        Assert.False(hash.IsPacked);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void AFieldOrValuePastTheByteLimitMovesTheHashToTheTable(bool longField, bool overwrite)
    {
        RedisHash hash = new();
        string atLimit = new('l', RedisHash.SmallValueLimit);
        hash.Set(Bytes(atLimit), Bytes(atLimit));
        hash.Set("b"u8, "2"u8);
        Assert.True(hash.IsPacked);

        string past = new('p', RedisHash.SmallValueLimit + 1);
        string field = overwrite ? "b" : longField ? past : "c";
        string value = longField ? "3" : past;
        Assert.Equal(!overwrite, hash.Set(Bytes(field), Bytes(value)));

        Assert.False(hash.IsPacked);
        string[] expected = overwrite ? [atLimit + "=" + atLimit, "b=" + past] : [atLimit + "=" + atLimit, "b=2", field + "=" + value];
        Assert.Equal(expected, Pairs(hash));
    }

    [Fact]
    public void ReservingForSeveralFieldsGrowsThePackedArrayOnce()
    {
        RedisHash hash = new();
        hash.Reserve(3 * 6);
        hash.Set("f1"u8, "v1"u8);
        Assert.True(hash.TryGet("f1"u8, out ReadOnlySpan<byte> first));
        hash.Set("f2"u8, "v2"u8);
        hash.Set("f3"u8, "v3"u8);
        Assert.True(hash.TryGet("f1"u8, out ReadOnlySpan<byte> last));
        Assert.True(Unsafe.AreSame(in MemoryMarshal.GetReference(first), in MemoryMarshal.GetReference(last)));
        Assert.Equal(["f1=v1", "f2=v2", "f3=v3"], Pairs(hash));
    }

    [Fact]
    public void ReadingAndOverwritingASmallHashAllocatesNothing()
    {
        RedisHash hash = new();
        hash.Set("field:1"u8, "xxx"u8);
        hash.Set("field:2"u8, "yyy"u8);
        long total = 0;
        long before = 0;
        for (int round = 0; round < 2; round++)
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                hash.TryGet("field:2"u8, out ReadOnlySpan<byte> value);
                total += value.Length;
                hash.Set("field:1"u8, "zzz"u8);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(60_000, total);
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

    private static string Get(RedisHash hash, string field)
    {
        Assert.True(hash.TryGet(Bytes(field), out ReadOnlySpan<byte> value));
        return Encoding.ASCII.GetString(value);
    }

    private static string[] Pairs(RedisHash hash)
    {
        List<string> pairs = [];
        RedisHash.Enumerator enumerator = hash.GetEnumerator();
        while (enumerator.MoveNext())
        {
            pairs.Add(Encoding.ASCII.GetString(enumerator.Field) + "=" + Encoding.ASCII.GetString(enumerator.Value));
        }

        Assert.Equal(hash.Count, pairs.Count);
        return [.. pairs];
    }
}
