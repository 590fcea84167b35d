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
        string[] before = Enumerable.Range(0, set.Count).Select(i => Encoding.ASCII.GetString(set[i])).ToArray();
        Assert.False(set.Add("m0"u8));
        Assert.True(set.Add("past"u8));
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
}
