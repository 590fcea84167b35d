using System.Text;
using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class KeyTableDifferentialTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void RandomOperationsMatchAPlainDictionary(int seed, int lookupStep)
    {
        KeyTable table = new(lookupStep);
        Dictionary<string, (object Value, long Deadline)> model = [];
        Random random = new(seed);
        int migratingOps = 0;

        // Phases that mostly insert, then mostly delete, make the index grow and shrink several times.
        for (int op = 0; op < 30_000; op++)
        {
            bool growing = op / 5000 % 2 == 0;
            string key = KeyOf(random.Next(growing ? 4000 : 6000));
            byte[] bytes = Encoding.ASCII.GetBytes(key);
            int position = table.Find(bytes, out int hash);
            Assert.Equal(model.ContainsKey(key), position >= 0);
            migratingOps += table.IsMigrating ? 1 : 0;
            switch (random.Next(growing ? 10 : 14))
            {
                case 0 or 1 or 2 or 3 or 4:
                    long deadline = random.Next(4) == 0 ? random.Next(1, 1000) : KeyTable.NoDeadline;
                    object value = new object();
                    if (position < 0)
                    {
                        position = table.Add(bytes, hash, value, deadline);
                        Assert.Equal(table.Count - 1, position);
                    }
                    else
                    {
                        table.ValueAt(position) = value;
                        table.SetDeadline(position, deadline);
                    }

                    model[key] = (value, deadline);
                    break;
                case 5 or 6:
                    if (position >= 0)
                    {
                        long changed = random.Next(2) == 0 ? KeyTable.NoDeadline : random.Next(1, 1000);
                        table.SetDeadline(position, changed);
                        model[key] = (model[key].Value, changed);
                    }

                    break;
                case 7:
                    if (table.VolatileCount > 0)
                    {
                        int sampled = table.RandomVolatile(random);
                        string sampledKey = Encoding.ASCII.GetString(table.KeyAt(sampled));
                        Assert.NotEqual(KeyTable.NoDeadline, model[sampledKey].Deadline);
                        Assert.Equal(model[sampledKey].Deadline, table.DeadlineAt(sampled));
                    }

                    break;
                case 8:
                    table.Rehash(random.Next(1, 8));
                    break;
                case 9 when random.Next(2000) == 0:
                    table.Clear();
                    model.Clear();
                    break;
                default:
                    if (position >= 0)
                    {
                        Assert.Same(model[key].Value, table.RemoveAt(position));
                        model.Remove(key);
                    }

                    break;
            }

            Assert.Equal(model.Count, table.Count);
            if (op % 100 == 99)
            {
                Assert.Equal(model.Values.Count(v => v.Deadline != KeyTable.NoDeadline), table.VolatileCount);
            }

            if (op % 1000 == 999)
            {
                AssertSame(table, model);
            }
        }

        AssertSame(table, model);
        Assert.True(migratingOps > 1000, $"{migratingOps} operations while migrating");
    }

    // Keys of every arena size class: mostly short, some empty-ish, some past a slot (an array of their own).
    private static string KeyOf(int n) => (n % 10) switch
    {
        0 => n.ToString(),
        1 => new string('m', n % 700) + n,
        2 => new string('l', 1000 + (n % 100)) + n,
        _ => "key:" + n,
    };

    // Both directions: every model key is in the table with its value and deadline, and every position holds a model key.
    private static void AssertSame(KeyTable table, Dictionary<string, (object Value, long Deadline)> model)
    {
        Assert.Equal(model.Count, table.Count);
        foreach ((string key, (object value, long deadline)) in model)
        {
            int position = table.Find(Encoding.ASCII.GetBytes(key));
            Assert.True(position >= 0, $"{key} not found");
            Assert.Same(value, table.ValueAt(position));
            Assert.Equal(deadline, table.DeadlineAt(position));
        }

        HashSet<string> keys = [];
        for (int position = 0; position < table.Count; position++)
        {
            string key = Encoding.ASCII.GetString(table.KeyAt(position));
            Assert.True(keys.Add(key), $"{key} twice");
            Assert.True(model.ContainsKey(key), $"{key} not in the model");
        }
    }
}
