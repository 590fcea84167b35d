using System.Text;
using CsCheck;
using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>
/// The packed list against a plain deque of arrays: pushes and pops at both ends, indexing and ranges. Elements come
/// back as the RESP bulk strings that reply with them.
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
                    byte[] popped = Decode(kind == 2 ? list.PopHead() : list.PopTail());
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
            }

            byte[][] items = [.. expected];
            for (int i = 0; i < items.Length; i++)
            {
                Assert.Equal(items[i], Decode(list[i]));
            }

            for (int start = 0; start < items.Length; start += 37)
            {
                int count = Math.Min(items.Length - start, 301);
                List<byte> runs = [];
                foreach (ReadOnlySpan<byte> run in list.Range(start, count))
                {
                    Assert.False(run.IsEmpty);
                    runs.AddRange(run);
                }

                Assert.Equal(items.Skip(start).Take(count).SelectMany(Encode), runs);
            }
        }, iter: 200, threads: 1);
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
        List<byte> runs = [];
        int runCount = 0;
        foreach (ReadOnlySpan<byte> run in list.Range(0, list.Count))
        {
            runs.AddRange(run);
            runCount++;
        }

        Assert.Equal(Enumerable.Range(-10_000, 20_000).SelectMany(i => Encode(BitConverter.GetBytes(i))), runs);
        Assert.Equal(2 * ((10_000 + ListNode.MaxEntries - 1) / ListNode.MaxEntries), runCount);
        Assert.Equal(-10_000, BitConverter.ToInt32(Decode(list.PopHead())));
        Assert.Equal(9_999, BitConverter.ToInt32(Decode(list.PopTail())));
        Assert.Equal(0, BitConverter.ToInt32(Decode(list[10_000 - 1])));
    }

    [Fact]
    public void AListEmptiedByPopsTakesNewElementsAtEitherEnd()
    {
        RedisList list = new();
        list.PushTail("a"u8);
        Assert.Equal("$1\r\na\r\n"u8.ToArray(), list.PopHead().ToArray());
        list.PushHead("b"u8);
        list.PushTail("c"u8);
        Assert.Equal(2, list.Count);
        Assert.Equal("b"u8.ToArray(), Decode(list[0]));
        Assert.Equal("c"u8.ToArray(), Decode(list[1]));
        Assert.Equal("c"u8.ToArray(), Decode(list.PopTail()));
        Assert.Equal("b"u8.ToArray(), Decode(list.PopTail()));
        Assert.Equal(0, list.Count);
        list.PushHead(new byte[9000]);
        Assert.Equal(new byte[9000], Decode(list[0]));
    }

    private static byte[] Encode(byte[] value) => [.. Encoding.ASCII.GetBytes($"${value.Length}\r\n"), .. value, .. "\r\n"u8];

    // The value of one element's bulk string, checking its framing.
    private static byte[] Decode(ReadOnlySpan<byte> element)
    {
        int crlf = element.IndexOf("\r\n"u8);
        Assert.Equal((byte)'$', element[0]);
        int length = int.Parse(Encoding.ASCII.GetString(element[1..crlf]));
        Assert.Equal(crlf + 2 + length + 2, element.Length);
        Assert.True(element.EndsWith("\r\n"u8));
        return element.Slice(crlf + 2, length).ToArray();
    }

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
