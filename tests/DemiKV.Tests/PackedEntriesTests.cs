using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class PackedEntriesTests
{
    // Entry lengths on either side of each varint prefix size (1 byte to 127, 2 to 16,383, 3 beyond).
    public static TheoryData<int> BoundaryLengths => [0, 1, 127, 128, 255, 256, 16_383, 16_384];

    [Theory]
    [MemberData(nameof(BoundaryLengths))]
    public void AnEntryOfAnyLengthIsReadBackFoundAndPrefixedByItsVarint(int length)
    {
        byte[] entry = Filled(length, 7);
        byte[] packed = PackedEntries.Create(0);
        PackedEntries.Append(ref packed, "a"u8);
        PackedEntries.Append(ref packed, entry);
        PackedEntries.Append(ref packed, "z"u8);

        int prefix = length < 128 ? 1 : length < 16_384 ? 2 : 3;
        Assert.Equal(prefix + length, PackedEntries.EncodedLength(length));
        Assert.Equal(PackedEntries.HeaderBytes + 2 + (prefix + length) + 2, PackedEntries.Used(packed));
        Assert.Equal(3, PackedEntries.Count(packed));
        int second = PackedEntries.OffsetOf(packed, 1);
        Assert.Equal(second, PackedEntries.Find(packed, entry, 1));
        Assert.Equal(entry, PackedEntries.Read(packed, second, out int third).ToArray());
        Assert.Equal("z"u8.ToArray(), PackedEntries.Read(packed, third).ToArray());
        Assert.Equal(PackedEntries.OffsetOf(packed, 2), third);
    }

    [Theory]
    [InlineData(127, 128)]
    [InlineData(128, 127)]
    [InlineData(16_383, 16_384)]
    [InlineData(16_384, 5)]
    [InlineData(5, 16_384)]
    [InlineData(3, 3)]
    [InlineData(10, 0)]
    public void ReplacingAnEntryAcrossPrefixSizesKeepsItsNeighbours(int before, int after)
    {
        byte[] packed = PackedEntries.Create(0);
        PackedEntries.Append(ref packed, "head"u8);
        PackedEntries.Append(ref packed, Filled(before, 1));
        PackedEntries.Append(ref packed, "tail"u8);

        PackedEntries.Replace(ref packed, PackedEntries.OffsetOf(packed, 1), Filled(after, 2));

        Assert.Equal(["head"u8.ToArray(), Filled(after, 2), "tail"u8.ToArray()], Entries(packed));
        Assert.Equal(PackedEntries.HeaderBytes + 5 + PackedEntries.EncodedLength(after) + 5, PackedEntries.Used(packed));
    }

    [Fact]
    public void ASameLengthReplaceWritesInPlace()
    {
        byte[] packed = PackedEntries.Create(0);
        PackedEntries.Append(ref packed, "abc"u8);
        byte[] before = packed;
        PackedEntries.Replace(ref packed, PackedEntries.First, "xyz"u8);
        Assert.Same(before, packed);
        Assert.Equal(["xyz"u8.ToArray()], Entries(packed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void RemovingEntriesMovesTheirFollowersUp(int index)
    {
        byte[] packed = PackedEntries.Create(0);
        string[] names = ["a", "bb", "", "dddd", "e"];
        foreach (string name in names)
        {
            PackedEntries.Append(ref packed, System.Text.Encoding.ASCII.GetBytes(name));
        }

        int count = Math.Min(2, names.Length - index);
        PackedEntries.Remove(ref packed, PackedEntries.OffsetOf(packed, index), count);

        string[] expected = [.. names[..index], .. names[(index + count)..]];
        Assert.Equal(expected, Entries(packed).Select(e => System.Text.Encoding.ASCII.GetString(e)));
        Assert.Equal(expected.Length, PackedEntries.Count(packed));
    }

    [Fact]
    public void FindWithAStrideOfTwoLooksOnlyAtFields()
    {
        byte[] packed = PackedEntries.Create(0);
        foreach (string entry in new[] { "f1", "f2", "f2", "v2" })
        {
            PackedEntries.Append(ref packed, System.Text.Encoding.ASCII.GetBytes(entry));
        }

        Assert.Equal(PackedEntries.OffsetOf(packed, 2), PackedEntries.Find(packed, "f2"u8, 2));
        Assert.Equal(-1, PackedEntries.Find(packed, "v2"u8, 2));
        Assert.Equal(PackedEntries.OffsetOf(packed, 1), PackedEntries.Find(packed, "f2"u8, 1));
        Assert.Equal(-1, PackedEntries.Find(PackedEntries.Create(0), "f2"u8, 1));
    }

    [Fact]
    public void FindStepsOverEntriesWithLongerPrefixes()
    {
        byte[] longField = Filled(200, 3);
        byte[] longValue = Filled(20_000, 4);
        byte[] packed = PackedEntries.Create(0);
        foreach (byte[] entry in new[] { longField, longValue, "f"u8.ToArray(), longField, longValue, "v"u8.ToArray() })
        {
            PackedEntries.Append(ref packed, entry);
        }

        Assert.Equal(PackedEntries.First, PackedEntries.Find(packed, longField, 2));
        Assert.Equal(PackedEntries.OffsetOf(packed, 4), PackedEntries.Find(packed, longValue, 2));
        Assert.Equal(PackedEntries.OffsetOf(packed, 2), PackedEntries.Find(packed, "f"u8, 2));
        Assert.Equal(-1, PackedEntries.Find(packed, "v"u8, 2));
        Assert.Equal(PackedEntries.OffsetOf(packed, 5), PackedEntries.Find(packed, "v"u8, 1));
    }

    [Fact]
    public void TheArrayGrowsByAQuarterAndShrinksOnceMostlyEmpty()
    {
        byte[] packed = PackedEntries.Create(0);
        List<int> lengths = [];
        for (int i = 0; i < 200; i++)
        {
            PackedEntries.Append(ref packed, Filled(9, (byte)i));
            if (lengths.Count == 0 || lengths[^1] != packed.Length)
            {
                lengths.Add(packed.Length);
            }

            Assert.True(packed.Length % 8 == 0 && packed.Length >= PackedEntries.Used(packed));
        }

        // Each growth is to at least a quarter more (amortized copies), never more than needed beyond that.
        for (int i = 2; i < lengths.Count; i++)
        {
            Assert.InRange(lengths[i], lengths[i - 1] + (lengths[i - 1] / 4), lengths[i - 1] + (lengths[i - 1] / 4) + 10 + 8);
        }

        PackedEntries.Remove(ref packed, PackedEntries.First, 190);
        Assert.Equal(10, PackedEntries.Count(packed));
        Assert.Equal((PackedEntries.Used(packed) + 7) & ~7, packed.Length);
        Assert.Equal(Filled(9, 190), PackedEntries.Read(packed, PackedEntries.First).ToArray());
    }

    [Fact]
    public void AnArrayPastItsLimitIsRefused()
    {
        byte[] packed = PackedEntries.Create(0);
        PackedEntries.Append(ref packed, new byte[40_000]);
        Assert.Throws<InvalidOperationException>(() => PackedEntries.Append(ref packed, new byte[40_000]));
        Assert.Equal(1, PackedEntries.Count(packed));
    }

    private static byte[] Filled(int length, byte seed)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seed + (i * 31));
        }

        return bytes;
    }

    private static List<byte[]> Entries(byte[] packed)
    {
        List<byte[]> entries = [];
        int offset = PackedEntries.First;
        while (offset < PackedEntries.Used(packed))
        {
            entries.Add(PackedEntries.Read(packed, offset, out offset).ToArray());
        }

        return entries;
    }
}
