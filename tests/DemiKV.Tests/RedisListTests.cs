using CsCheck;
using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>
/// The packed list against a plain deque of arrays: pushes and pops at both ends, indexing and ranges, and how the
/// elements are laid out in nodes.
/// </summary>
public sealed class RedisListTests
{
    // Operation kinds: 0 push head, 1 push tail, 2 pop head, 3 pop tail; lengths cross the 8 KiB node limit at times.
    private static readonly Gen<(int Kind, int Length)[]> Operations =
        Gen.Select(Gen.Int[0, 3], Gen.Frequency((20, Gen.Int[0, 40]), (2, Gen.Int[41, 3000]), (1, Gen.Int[8000, 9000]))).Array[1, 700];

    [Fact]
    public void BehavesAsADequeUnderAnyMixOfPushesAndPops()
    {
        Operations.Sample(operations =>
        {
            RedisList list = new();
            LinkedList<byte[]> expected = new();
            byte next = 0;
            foreach ((int kind, int length) in operations)
            {
                if (kind < 2)
                {
                    byte[] value = Value(length, next++);
                    if (kind == 0)
                    {
                        list.PushHead(value);
                        expected.AddFirst(value);
                    }
                    else
                    {
                        list.PushTail(value);
                        expected.AddLast(value);
                    }
                }
                else if (expected.Count > 0)
                {
                    byte[] popped = (kind == 2 ? list.PopHead() : list.PopTail()).ToArray();
                    Assert.Equal(kind == 2 ? expected.First!.Value : expected.Last!.Value, popped);
                    if (kind == 2)
                    {
                        expected.RemoveFirst();
                    }
                    else
                    {
                        expected.RemoveLast();
                    }
                }

                Assert.Equal(expected.Count, list.Count);
                ListAssert.OnlyEndNodesAreEmpty(list);
            }

            byte[][] items = [.. expected];
            for (int i = 0; i < items.Length; i++)
            {
                Assert.Equal(items[i], list[i].ToArray());
            }

            for (int start = 0; start < items.Length; start += 37)
            {
                int count = Math.Min(items.Length - start, 301);
                Assert.Equal(items.Skip(start).Take(count), ListAssert.Range(list, start, count));
            }
        }, iter: 200, threads: 1);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 4)]
    [InlineData(5, -1)]
    [InlineData(-1, 4)]
    [InlineData(-5, 0)]
    [InlineData(-6, -1)]
    [InlineData(long.MaxValue, -1)]
    [InlineData(long.MinValue, -1)]
    public void PositionOfResolvesRedisIndexesFromEitherEnd(long index, int expected)
    {
        RedisList list = new();
        for (int i = 0; i < 5; i++)
        {
            list.PushTail([(byte)i]);
        }

        Assert.Equal(expected, list.PositionOf(index));
    }

    [Fact]
    public void ManySmallElementsFillNodesInOrderFromEitherEnd()
    {
        RedisList list = new();
        for (int i = 0; i < 10_000; i++)
        {
            list.PushHead(BitConverter.GetBytes(-1 - i));
            list.PushTail(BitConverter.GetBytes(i));
        }

        Assert.Equal(20_000, list.Count);
        Assert.Equal(Enumerable.Range(-10_000, 20_000).Select(BitConverter.GetBytes), ListAssert.Range(list, 0, list.Count));

        // Full nodes of 256 elements from either end, the two partly filled ones in the middle.
        int perEnd = (10_000 + ListNode.MaxEntries - 1) / ListNode.MaxEntries;
        Assert.Equal(2 * perEnd, list.NodeCount);
        Assert.Equal(10_000 % ListNode.MaxEntries, list.Node(0).Count);
        Assert.Equal(ListNode.MaxEntries, list.Node(1).Count);
        Assert.Equal(10_000 % ListNode.MaxEntries, list.Node(list.NodeCount - 1).Count);

        Assert.Equal(-10_000, BitConverter.ToInt32(list.PopHead()));
        Assert.Equal(9_999, BitConverter.ToInt32(list.PopTail()));
        Assert.Equal(0, BitConverter.ToInt32(list[10_000 - 1]));
    }

    [Fact]
    public void AGrowingListAllocatesEachFullNodeOnceWithoutSlack()
    {
        RedisList list = new();
        for (int i = 0; i < 100_000; i++)
        {
            list.PushHead("VXK"u8);
        }

        // Every element is 5 bytes (length, 3 bytes, back-length); nodes after the first start at the size of the full
        // node before them, so only the first one (grown by half from 32 bytes) and the last one have room to spare.
        Assert.Equal((100_000 + ListNode.MaxEntries - 1) / ListNode.MaxEntries, list.NodeCount);
        long bytes = 0;
        long capacity = 0;
        for (int i = 0; i < list.NodeCount; i++)
        {
            ListNode node = list.Node(i);
            Assert.Equal(5 * node.Count, node.Bytes);
            bytes += node.Bytes;
            capacity += node.Capacity;
            if (i > 0 && i < list.NodeCount - 1)
            {
                Assert.Equal(node.Bytes, node.Capacity);
            }
        }

        Assert.Equal(500_000, bytes);
        Assert.True(capacity - bytes < 2 * 5 * ListNode.MaxEntries, $"{capacity - bytes} bytes to spare");
    }

    [Fact]
    public void NodesHoldAtMostTheirLimitsAndAnOversizedElementAlone()
    {
        RedisList list = new();
        byte[] hundred = new byte[100];
        for (int i = 0; i < 200; i++)
        {
            list.PushTail(hundred);
        }

        list.PushTail(new byte[9000]);
        list.PushTail(hundred);
        list.PushHead(new byte[9000]);

        // 102 bytes each: 80 fit in 8 KiB (8,160), the 81st starts a node.
        Assert.Equal([1, 80, 80, 40, 1, 1], Enumerable.Range(0, list.NodeCount).Select(i => list.Node(i).Count));
        Assert.All(Enumerable.Range(0, list.NodeCount), i => Assert.True(list.Node(i).Bytes <= ListNode.MaxBytes || list.Node(i).Count == 1));
        Assert.Equal(9000, list[0].Length);
        Assert.Equal(9000, list[201].Length);
        Assert.Equal(100, list[202].Length);
    }

    [Fact]
    public void ANodeAfterAnOversizedElementStartsSmall()
    {
        RedisList list = new();
        for (int i = 0; i < 10; i++)
        {
            list.PushTail(new byte[9000]);
            list.PushTail("abc"u8);
        }

        // Every small element has a node of its own (the next oversized one never fits beside it), each at a first
        // node's size, not the 8 KiB the oversized node before it holds.
        Assert.Equal(20, list.NodeCount);
        for (int i = 1; i < list.NodeCount; i += 2)
        {
            Assert.Equal(5, list.Node(i).Bytes);
            Assert.True(list.Node(i).Capacity <= 32, $"{list.Node(i).Capacity} bytes");
        }
    }

    [Fact]
    public void AListEmptiedByPopsTakesNewElementsAtEitherEnd()
    {
        RedisList list = new();
        list.PushTail("a"u8);
        Assert.Equal("a"u8.ToArray(), list.PopHead().ToArray());
        list.PushHead("b"u8);
        list.PushTail("c"u8);
        Assert.Equal(2, list.Count);
        Assert.Equal("b"u8.ToArray(), list[0].ToArray());
        Assert.Equal("c"u8.ToArray(), list[1].ToArray());
        Assert.Equal("c"u8.ToArray(), list.PopTail().ToArray());
        Assert.Equal("b"u8.ToArray(), list.PopTail().ToArray());
        Assert.Equal(0, list.Count);
        list.PushHead(new byte[9000]);
        Assert.Equal(new byte[9000], list[0].ToArray());
    }

    [Fact]
    public void PushesAndPopsAtBothEndsEmptyAndRefillNodes()
    {
        RedisList list = new();
        List<byte[]> model = [];
        for (int round = 0; round < 6; round++)
        {
            // Fill well past a node from one end, drain it from the other (or the same) end, refill from the other.
            for (int i = 0; i < 700; i++)
            {
                byte[] value = Value(i % 50, (byte)(round + i));
                if (round % 2 == 0)
                {
                    list.PushTail(value);
                    model.Add(value);
                }
                else
                {
                    list.PushHead(value);
                    model.Insert(0, value);
                }
            }

            int pops = round < 3 ? 700 : 650;
            for (int i = 0; i < pops; i++)
            {
                bool head = (round + (i / 100)) % 2 == 0;
                byte[] popped = (head ? list.PopHead() : list.PopTail()).ToArray();
                Assert.Equal(head ? model[0] : model[^1], popped);
                model.RemoveAt(head ? 0 : model.Count - 1);
            }

            Assert.Equal(model.Count, list.Count);
            Assert.Equal(model, ListAssert.Range(list, 0, list.Count));
            ListAssert.OnlyEndNodesAreEmpty(list);
        }
    }

    [Fact]
    public void APushAndAPopInTurnAtAnEndAllocateNothing()
    {
        // Both ends' nodes grow away from the end being used: RPUSH made the head node, LPUSH the tail node.
        RedisList list = new();
        list.PushTail("first"u8);
        list.PushHead("zeroth"u8);
        for (int i = 0; i < 300; i++)
        {
            list.PushTail("value"u8);
        }

        long total = 0;
        long before = 0;
        for (int round = 0; round < 2; round++)
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                list.PushHead("head"u8);
                total += list.PopHead().Length;
                list.PushHead("a"u8);
                list.PushHead("b"u8);
                total += list.PopHead().Length + list.PopHead().Length;
                total += list.PopHead().Length;
                list.PushHead("zeroth"u8);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2 * 1000 * (4 + 1 + 1 + 6), total);
        Assert.Equal(302, list.Count);
        Assert.Equal("zeroth"u8.ToArray(), list[0].ToArray());
        Assert.Equal("first"u8.ToArray(), list[1].ToArray());
        ListAssert.OnlyEndNodesAreEmpty(list);
    }

    [Fact]
    public void IndexesEveryPositionOfAMultiNodeList()
    {
        RedisList list = new();
        List<byte[]> model = [];
        for (int i = 0; i < 2000; i++)
        {
            byte[] value = Value(i % 7 == 0 ? 130 + (i % 40) : i % 20, (byte)i);
            if (i % 3 == 0)
            {
                list.PushHead(value);
                model.Insert(0, value);
            }
            else
            {
                list.PushTail(value);
                model.Add(value);
            }
        }

        Assert.True(list.NodeCount >= 8, $"{list.NodeCount} nodes");
        for (int i = 0; i < model.Count; i++)
        {
            Assert.Equal(model[i], list[i].ToArray());
        }
    }

    [Fact]
    public void PushPopIndexAndRangeAllocateNothingOnceNodesHaveRoom()
    {
        RedisList list = new();
        for (int i = 0; i < 600; i++)
        {
            list.PushTail("value"u8);
            list.PushHead("value"u8);
        }

        long total = 0;
        long before = 0;
        for (int round = 0; round < 2; round++)
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                total += list.PopHead().Length + list.PopTail().Length;
                list.PushHead("other"u8);
                list.PushTail("value"u8);
                total += list[i % list.Count].Length;
                foreach (ReadOnlySpan<byte> element in list.Range(250, 300))
                {
                    total += element.Length;
                }
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2 * 1000 * (5 + 5 + 5 + (300 * 5)), total);
    }

    // Pops keep an emptied end node only if the next push at that end can fill it; no other node is ever empty.
    private static byte[] Value(int length, byte seed)
    {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++)
        {
            value[i] = (byte)(seed + i);
        }

        return value;
    }
}
