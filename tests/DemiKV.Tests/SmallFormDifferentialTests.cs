using System.Text;
using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>
/// Random operations on a hash and a set against a model of Redis's small form (a list in insertion order, a
/// deleted element's followers moving up): while packed the order must be the model's exactly; once moved to the
/// table (some seeds pass the count or byte limit) the contents must match as a set.
/// </summary>
public sealed class SmallFormDifferentialTests
{
    [Theory]
    [InlineData(1, 40, 64, true)]
    [InlineData(2, 40, 64, true)]
    [InlineData(3, 400, 64, false)]
    [InlineData(4, 40, 80, false)]
    public void AHashMatchesTheModel(int seed, int fieldPool, int longestValue, bool staysPacked)
    {
        Random random = new(seed);
        RedisHash hash = new();
        List<(string Field, byte[] Value)> model = [];
        bool wasLarge = false;
        for (int op = 0; op < 4000; op++)
        {
            string field = "f" + random.Next(fieldPool);
            int at = model.FindIndex(p => p.Field == field);
            switch (random.Next(10))
            {
                case < 3:
                    Assert.Equal(at >= 0, hash.Remove(Bytes(field)));
                    if (at >= 0)
                    {
                        model.RemoveAt(at);
                    }

                    break;
                case < 5:
                    Assert.Equal(at >= 0, hash.TryGet(Bytes(field), out ReadOnlySpan<byte> read));
                    Assert.Equal(at >= 0 ? model[at].Value : [], read.ToArray());
                    break;
                default:
                    byte[] value = RandomValue(random, longestValue);
                    Assert.Equal(at < 0, hash.Set(Bytes(field), value));
                    if (at >= 0)
                    {
                        model[at] = (field, value);
                    }
                    else
                    {
                        model.Add((field, value));
                    }

                    break;
            }

            // Never back to the packed form once moved.
            Assert.False(wasLarge && hash.IsPacked);
            wasLarge = !hash.IsPacked;
            if (op % 50 == 0 || op == 3999)
            {
                string[] expected = model.Select(p => p.Field + "=" + Convert.ToHexString(p.Value)).ToArray();
                string[] actual = Pairs(hash);
                Assert.Equal(InOrderIfPacked(expected, hash.IsPacked), InOrderIfPacked(actual, hash.IsPacked));
            }
        }

        Assert.Equal(staysPacked, hash.IsPacked);
    }

    [Theory]
    [InlineData(1, 40, 64, true)]
    [InlineData(2, 500, 64, false)]
    [InlineData(3, 40, 70, false)]
    public void ASetMatchesTheModel(int seed, int memberPool, int longestMember, bool staysPacked)
    {
        Random random = new(seed);
        DenseSet set = new();
        List<string> model = [];
        for (int op = 0; op < 4000; op++)
        {
            int number = random.Next(memberPool);
            string member = number + ":" + new string('m', (number * 7) % (longestMember - 3));
            int at = model.IndexOf(member);
            switch (random.Next(10))
            {
                case < 3:
                    Assert.Equal(at >= 0, set.Remove(Bytes(member)));
                    if (at >= 0)
                    {
                        model.RemoveAt(at);
                    }

                    break;
                case < 4 when model.Count > 0:
                    int position = random.Next(set.Count);
                    model.Remove(Encoding.ASCII.GetString(set[position]));
                    set.RemoveAt(position);
                    break;
                case < 6:
                    Assert.Equal(at >= 0, set.Contains(Bytes(member)));
                    break;
                default:
                    Assert.Equal(at < 0, set.Add(Bytes(member)));
                    if (at < 0)
                    {
                        model.Add(member);
                    }

                    break;
            }

            if (op % 50 == 0 || op == 3999)
            {
                List<string> actual = [];
                foreach (ReadOnlySpan<byte> item in set)
                {
                    actual.Add(Encoding.ASCII.GetString(item));
                }

                Assert.Equal(set.Count, actual.Count);
                Assert.Equal(InOrderIfPacked(model, set.IsPacked), InOrderIfPacked(actual, set.IsPacked));
            }
        }

        Assert.Equal(staysPacked, set.IsPacked);
    }

    private static byte[] RandomValue(Random random, int longest)
    {
        // Short values mostly, sometimes at the limit, with the bytes RESP cares about.
        int length = random.Next(4) == 0 ? longest - random.Next(3) : random.Next(8);
        byte[] value = new byte[length];
        random.NextBytes(value);
        if (length > 2)
        {
            value[0] = 13;
            value[1] = 10;
            value[^1] = 0;
        }

        return value;
    }

    // The packed form's order is Redis's small order; the table's is its own, so only the contents compare.
    private static string[] InOrderIfPacked(IEnumerable<string> items, bool packed) => packed ? [.. items] : [.. items.Order()];

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private static string[] Pairs(RedisHash hash)
    {
        List<string> pairs = [];
        RedisHash.Enumerator enumerator = hash.GetEnumerator();
        while (enumerator.MoveNext())
        {
            pairs.Add(Encoding.ASCII.GetString(enumerator.Field) + "=" + Convert.ToHexString(enumerator.Value));
        }

        return [.. pairs];
    }
}
