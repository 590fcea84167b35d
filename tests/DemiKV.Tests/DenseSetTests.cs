using System.Text;
using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class DenseSetTests
{
    [Fact]
    public void MembersAreAddedOnceRemovedAndListedByPosition()
    {
        DenseSet set = new();
        Assert.True(set.Add("a"u8));
        Assert.False(set.Add("a"u8));
        Assert.True(set.Add(""u8));
        Assert.True(set.Add("b"u8));
        Assert.Equal(3, set.Count);
        Assert.True(set.Contains(""u8));
        Assert.True(set.Remove("a"u8));
        Assert.False(set.Remove("a"u8));
        Assert.False(set.Contains("a"u8));
        HashSet<string> listed = [];
        for (int i = 0; i < set.Count; i++)
        {
            listed.Add(Encoding.ASCII.GetString(set[i]));
        }

        Assert.Equal(["", "b"], listed);
        set.Clear();
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains("b"u8));
    }

    [Fact]
    public void ALargeSetGrowsAndEmptiesByPosition()
    {
        DenseSet set = new();
        for (int i = 0; i < 50_000; i++)
        {
            Assert.True(set.Add(Encoding.ASCII.GetBytes("member:" + i)));
        }

        for (int i = 0; i < 50_000; i += 499)
        {
            Assert.True(set.Contains(Encoding.ASCII.GetBytes("member:" + i)));
        }

        Random random = new(5);
        HashSet<string> popped = [];
        while (set.Count > 0)
        {
            int position = random.Next(set.Count);
            Assert.True(popped.Add(Encoding.ASCII.GetString(set[position])));
            set.RemoveAt(position);
        }

        Assert.Equal(50_000, popped.Count);
    }

    [Fact]
    public void CrossingTheSmallLimitKeepsEveryMemberAndPosition()
    {
        DenseSet set = new();
        for (int i = 0; i < DenseSet.SmallLimit; i++)
        {
            set.Add(Encoding.ASCII.GetBytes("m" + i));
        }

        set.Remove("m3"u8);
        set.Add("m3"u8);
        Assert.True(set.IsPacked);
        string[] before = Enumerable.Range(0, set.Count).Select(i => Encoding.ASCII.GetString(set[i])).ToArray();
        Assert.False(set.Add("m0"u8));
        Assert.True(set.Add("past"u8));
        Assert.False(set.IsPacked);
        Assert.Equal(DenseSet.SmallLimit + 1, set.Count);
        for (int i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i], Encoding.ASCII.GetString(set[i]));
        }

        Assert.Equal("past", Encoding.ASCII.GetString(set[DenseSet.SmallLimit]));
        Assert.False(set.Add("past"u8));
        for (int i = 0; i < DenseSet.SmallLimit; i++)
        {
            Assert.True(set.Remove(Encoding.ASCII.GetBytes("m" + i)));
        }

        Assert.Equal(1, set.Count);
        Assert.True(set.Contains("past"u8));
        Assert.False(set.Contains("m1"u8));
    }

    [Fact]
    public void APackedSetKeepsInsertionOrderAndRemovalClosesTheGap()
    {
        DenseSet set = new();
        byte[] binary = [0, 13, 10, 0];
        foreach (byte[] member in new[] { "a"u8.ToArray(), binary, ""u8.ToArray(), "d"u8.ToArray() })
        {
            Assert.True(set.Add(member));
        }

        Assert.True(set.Remove(binary));
        set.RemoveAt(0);
        Assert.True(set.Add("e"u8));
        Assert.True(set.IsPacked);
        Assert.Equal(["", "d", "e"], Members(set));
        Assert.Equal("d", Encoding.ASCII.GetString(set[1]));
        Assert.False(set.Contains(binary));
    }

    [Fact]
    public void AMemberPastTheByteLimitMovesTheSetToTheTable()
    {
        DenseSet set = new();
        byte[] atLimit = new byte[DenseSet.SmallValueLimit];
        Assert.True(set.Add(atLimit));
        Assert.True(set.Add("b"u8));
        Assert.True(set.IsPacked);
        byte[] past = new byte[DenseSet.SmallValueLimit + 1];
        Assert.True(set.Add(past));
        Assert.False(set.IsPacked);
        Assert.Equal(3, set.Count);
        Assert.True(set.Contains(atLimit) && set.Contains("b"u8) && set.Contains(past));
    }

    [Fact]
    public void SeveralMembersReservedAtOnceStayInOnePackedArray()
    {
        DenseSet set = new();
        set.Reserve(3 * 3);
        set.Add("m1"u8);
        ReadOnlySpan<byte> first = set[0];
        set.Add("m2"u8);
        set.Add("m3"u8);
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(
            in System.Runtime.InteropServices.MemoryMarshal.GetReference(first),
            in System.Runtime.InteropServices.MemoryMarshal.GetReference(set[0])));
        Assert.Equal(["m1", "m2", "m3"], Members(set));
    }

    private static string[] Members(DenseSet set)
    {
        List<string> members = [];
        foreach (ReadOnlySpan<byte> member in set)
        {
            members.Add(Encoding.ASCII.GetString(member));
        }

        return [.. members];
    }
}
