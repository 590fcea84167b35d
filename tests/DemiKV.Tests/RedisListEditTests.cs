using CsCheck;
using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>
/// <see cref="RedisList.Set"/>, <see cref="RedisList.Remove"/> and <see cref="RedisList.Trim"/> against a plain
/// list of arrays, mixed with pushes at both ends so that nodes of both growing directions are edited.
/// </summary>
public sealed class RedisListEditTests
{
    // A few values, equal ones shared so that LREM finds matches; the longest is past a node's byte limit.
    private static readonly byte[][] Pool = [[], Bytes(3, 1), Bytes(3, 2), Bytes(100, 3), Bytes(700, 4), Bytes(9000, 5)];

    // Operation kinds: 0 push head, 1 push tail, 2 set, 3 remove, 4 trim; then a pool index and two numbers.
    private static readonly Gen<(int Kind, int Value, int A, int B)[]> Operations =
        Gen.Select(Gen.Frequency((6, Gen.Int[0, 1]), (2, Gen.Const(2)), (1, Gen.Const(3)), (1, Gen.Const(4))),
            Gen.Frequency((8, Gen.Int[0, 3]), (2, Gen.Int[4, 4]), (1, Gen.Int[5, 5])), Gen.Int[-4, 1000], Gen.Int[0, 1000]).Array[1, 600];

    [Fact]
    public void EditsMatchAPlainListUnderAnyMix()
    {
        Operations.Sample(operations =>
        {
            RedisList list = new();
            List<byte[]> expected = [];
            foreach ((int kind, int valueIndex, int a, int b) in operations)
            {
                byte[] value = Pool[valueIndex];
                switch (kind)
                {
                    case 0:
                        list.PushHead(value);
                        expected.Insert(0, value);
                        break;
                    case 1:
                        list.PushTail(value);
                        expected.Add(value);
                        break;
                    case 2 when expected.Count > 0:
                        int index = Math.Abs(a) % expected.Count;
                        list.Set(index, value);
                        expected[index] = value;
                        break;
                    case 3:
                        Assert.Equal(RemoveFromModel(expected, value, a), list.Remove(value, a));
                        break;
                    case 4 when expected.Count > 0:
                        int start = b % expected.Count;
                        int keep = Math.Abs(a) % (expected.Count - start + 1);
                        list.Trim(start, keep);
                        expected.RemoveRange(start + keep, expected.Count - start - keep);
                        expected.RemoveRange(0, start);
                        break;
                }

                Assert.Equal(expected.Count, list.Count);
                ListAssert.OnlyEndNodesAreEmpty(list);
            }

            Assert.Equal(expected, ListAssert.Range(list, 0, list.Count));
        });
    }

    [Fact]
    public void SetGrowsAndShrinksElementsInTheMiddleOfFullNodes()
    {
        RedisList list = new();
        List<byte[]> expected = [];
        for (int i = 0; i < 300; i++)
        {
            list.PushTail(Bytes(20, (byte)i));
            expected.Add(Bytes(20, (byte)i));
            list.PushHead(Bytes(20, (byte)(i + 1)));
            expected.Insert(0, Bytes(20, (byte)(i + 1)));
        }

        foreach ((int index, byte[] value) in new[] { (150, Bytes(5000, 9)), (450, Array.Empty<byte>()), (449, Bytes(9000, 7)), (151, Bytes(1, 3)) })
        {
            list.Set(index, value);
            expected[index] = value;
        }

        Assert.Equal(expected, ListAssert.Range(list, 0, list.Count));
    }

    [Theory]
    [InlineData(0, "a b c")]
    [InlineData(2, "a b x c")]
    [InlineData(-2, "x a b c")]
    [InlineData(-1, "x a x b c")]
    [InlineData(100, "a b c")]
    [InlineData(-100, "a b c")]
    [InlineData(long.MinValue, "a b c")]
    [InlineData(long.MaxValue, "a b c")]
    public void RemoveTakesMatchesFromTheRequestedEnd(long count, string left)
    {
        RedisList list = new();
        foreach (string element in "x a x b x c".Split(' '))
        {
            list.PushTail(System.Text.Encoding.ASCII.GetBytes(element));
        }

        int removed = list.Remove("x"u8, count);
        Assert.Equal(6 - left.Split(' ').Length, removed);
        Assert.Equal(left, string.Join(' ', ListAssert.Range(list, 0, list.Count).Select(e => System.Text.Encoding.ASCII.GetString(e))));
    }

    [Fact]
    public void RemovingEveryElementLeavesOneEmptyNode()
    {
        RedisList list = new();
        for (int i = 0; i < 1000; i++)
        {
            list.PushHead("v"u8);
        }

        Assert.Equal(1000, list.Remove("v"u8, 0));
        Assert.Equal(0, list.Count);
        Assert.Equal(1, list.NodeCount);
        list.PushTail("w"u8);
        Assert.Equal("w"u8.ToArray(), list[0].ToArray());
    }

    private static int RemoveFromModel(List<byte[]> model, byte[] value, long count)
    {
        int removed = 0;
        long limit = count is 0 or long.MinValue ? long.MaxValue : Math.Abs(count);
        if (count >= 0)
        {
            for (int i = 0; i < model.Count && removed < limit;)
            {
                if (model[i].AsSpan().SequenceEqual(value))
                {
                    model.RemoveAt(i);
                    removed++;
                }
                else
                {
                    i++;
                }
            }
        }
        else
        {
            for (int i = model.Count - 1; i >= 0 && removed < limit; i--)
            {
                if (model[i].AsSpan().SequenceEqual(value))
                {
                    model.RemoveAt(i);
                    removed++;
                }
            }
        }

        return removed;
    }

    private static byte[] Bytes(int length, byte seed)
    {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++)
        {
            value[i] = (byte)(seed + i);
        }

        return value;
    }
}
