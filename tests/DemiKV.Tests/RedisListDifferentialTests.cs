using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>
/// Random pushes, pops, indexes and ranges on a <see cref="RedisList"/> and on a <see cref="List{T}"/> of arrays,
/// checked after every operation; element lengths cross the varint boundaries and the node limits.
/// </summary>
public sealed class RedisListDifferentialTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void MatchesAListOfArrays(int seed)
    {
        Random random = new(seed);
        RedisList list = new();
        List<byte[]> model = [];
        for (int op = 0; op < 4000; op++)
        {
            int kind = random.Next(10);
            if (kind < 4 || model.Count == 0)
            {
                byte[] value = Value(random);
                if (kind % 2 == 0)
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
            else if (kind < 7)
            {
                bool head = kind == 5;
                Assert.Equal(head ? model[0] : model[^1], (head ? list.PopHead() : list.PopTail()).ToArray());
                model.RemoveAt(head ? 0 : model.Count - 1);
            }
            else if (kind < 9)
            {
                int index = random.Next(model.Count);
                Assert.Equal(model[index], list[index].ToArray());
            }
            else
            {
                int start = random.Next(model.Count);
                int count = random.Next(model.Count - start + 1);
                Assert.Equal(model.GetRange(start, count), ListAssert.Range(list, start, count));
            }

            Assert.Equal(model.Count, list.Count);
        }

        Assert.Equal(model, ListAssert.Range(list, 0, list.Count));
    }

    // Mostly short values (many per node), some at the one- and two-byte prefix limits, a few past a node's bytes.
    private static byte[] Value(Random random)
    {
        int length = random.Next(100) switch
        {
            < 80 => random.Next(16),
            < 90 => 120 + random.Next(16),
            < 98 => 16_370 + random.Next(20),
            _ => 8_000 + random.Next(400),
        };
        byte[] value = new byte[length];
        random.NextBytes(value);
        return value;
    }
}
