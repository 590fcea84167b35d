using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class PagedListTests
{
    [Fact]
    public void ElementsKeepTheirValuesAcrossPagesAndTheFirstPageGrowth()
    {
        PagedList<long> list = new(pageShift: 3);
        Assert.Equal(0, list.PageCount);
        for (int i = 0; i < 100; i++)
        {
            list.Add() = i * 7L;
            Assert.Equal(i + 1, list.Count);
        }

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i * 7L, list[i]);
        }

        Assert.Equal(13, list.PageCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[100]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void AFullPageIsNeverReplacedByGrowth()
    {
        PagedList<int> list = new(pageShift: 2);
        for (int i = 0; i < 4; i++)
        {
            list.Add() = i;
        }

        ref int first = ref list[0];
        for (int i = 4; i < 64; i++)
        {
            list.Add() = i;
        }

        // The reference taken when page 0 was full still points into the list's storage.
        first = 1000;
        Assert.Equal(1000, list[0]);
    }

    [Fact]
    public void RemovingFromTheEndDropsPagesButKeepsOneSpare()
    {
        PagedList<int> list = new(pageShift: 2);
        for (int i = 0; i < 20; i++)
        {
            list.Add() = i;
        }

        Assert.Equal(5, list.PageCount);
        for (int i = 0; i < 12; i++)
        {
            list.RemoveLast();
        }

        // 8 elements fill two pages; one spare is kept.
        Assert.Equal(8, list.Count);
        Assert.Equal(3, list.PageCount);
        list.Add() = 42;
        Assert.Equal(42, list[8]);
        Assert.Equal(3, list.PageCount);
        while (list.Count > 0)
        {
            list.RemoveLast();
        }

        Assert.Equal(2, list.PageCount);
        Assert.Throws<InvalidOperationException>(list.RemoveLast);
    }

    [Fact]
    public void RemoveLastClearsTheSlotAndClearStartsOver()
    {
        PagedList<(string? Name, int N)> list = new(pageShift: 4);
        list.Add() = ("a", 1);
        list.Add() = ("b", 2);
        list.RemoveLast();
        list.Add();
        Assert.Equal(default, list[1]);
        list.Clear();
        Assert.Equal(0, list.Count);
        Assert.Equal(0, list.PageCount);
        list.Add() = ("c", 3);
        Assert.Equal(("c", 3), list[0]);
    }
}
