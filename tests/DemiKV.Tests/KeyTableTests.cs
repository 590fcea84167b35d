using System.Text;
using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class KeyTableTests
{
    [Fact]
    public void EveryKeyIsFoundAtEveryStepOfGrowthWithChangesInBetween()
    {
        // Lookups do not move buckets here: only the explicit one-bucket steps do, so every state is visited.
        KeyTable table = new(lookupStep: 0);
        Dictionary<string, object> model = [];
        Random random = new(6);
        int next = 0;
        int stepsWhileMigrating = 0;
        int changesWhileMigrating = 0;
        int growths = 0;
        while (model.Count < 1500)
        {
            int buckets = table.BucketCount;
            bool migrating = table.IsMigrating;
            int choice = random.Next(10);
            if (choice < 6 || model.Count == 0)
            {
                string key = "key:" + next++;
                object value = new object();
                Add(table, key, value);
                model[key] = value;
            }
            else
            {
                string key = model.Keys.ElementAt(random.Next(model.Count));
                if (choice < 8)
                {
                    object value = new object();
                    table.ValueAt(table.Find(Bytes(key))) = value;
                    model[key] = value;
                }
                else
                {
                    Assert.Same(model[key], table.RemoveAt(table.Find(Bytes(key))));
                    model.Remove(key);
                }
            }

            changesWhileMigrating += migrating ? 1 : 0;
            growths += table.BucketCount > buckets ? 1 : 0;
            AssertHolds(table, model);
            if (table.IsMigrating && random.Next(2) == 0)
            {
                table.Rehash(1);
                stepsWhileMigrating++;
                AssertHolds(table, model);
            }
        }

        Assert.True(growths >= 8, $"{growths} growths");
        Assert.True(stepsWhileMigrating > 500, $"{stepsWhileMigrating} steps");
        Assert.True(changesWhileMigrating > 500, $"{changesWhileMigrating} changes while migrating");
    }

    [Fact]
    public void AMigrationEndsBeforeTheTableIsFullAgainWhenLookupsMoveIt()
    {
        KeyTable table = new();
        int largestLoad = 0;
        for (int i = 0; i < 100_000; i++)
        {
            byte[] key = Bytes("k" + i);
            Assert.Equal(-1, table.Find(key, out int hash));
            table.Add(key, hash, key);
            largestLoad = Math.Max(largestLoad, (table.Count + table.BucketCount - 1) / table.BucketCount);
        }

        // One key per bucket at most, so a resize was never held back by a migration still running.
        Assert.Equal(1, largestLoad);
        Assert.Equal(131_072, table.BucketCount);
    }

    [Fact]
    public void DeletingMostKeysShrinksTheIndexIncrementally()
    {
        KeyTable table = new(lookupStep: 0);
        HashSet<string> model = [];
        for (int i = 0; i < 4096; i++)
        {
            Add(table, "k" + i, i);
            model.Add("k" + i);
            table.Rehash(4);
        }

        while (table.IsMigrating)
        {
            table.Rehash(100);
        }

        int full = table.BucketCount;
        for (int i = 0; i < 4000; i++)
        {
            table.RemoveAt(table.Find(Bytes("k" + i)));
            model.Remove("k" + i);
            if (i % 3 == 0)
            {
                table.Rehash(1);
            }

            if (i % 97 == 0)
            {
                AssertHolds(table, model.ToDictionary(k => k, k => table.ValueAt(table.Find(Bytes(k)))));
            }
        }

        while (table.IsMigrating)
        {
            table.Rehash(100);
        }

        Assert.Equal(4096, full);
        Assert.True(table.BucketCount <= 256, $"{table.BucketCount} buckets");
        foreach (string key in model)
        {
            Assert.NotEqual(-1, table.Find(Bytes(key)));
        }
    }

    [Fact]
    public void DeadlinesFollowTheirKeysThroughSwapsAndMigrations()
    {
        KeyTable table = new(lookupStep: 1);
        for (int i = 0; i < 300; i++)
        {
            int position = Add(table, "k" + i, i);
            if (i % 3 == 0)
            {
                table.SetDeadline(position, 1000 + i);
            }
        }

        Assert.Equal(100, table.VolatileCount);
        for (int i = 0; i < 300; i += 2)
        {
            table.RemoveAt(table.Find(Bytes("k" + i)));
        }

        for (int i = 1; i < 300; i += 2)
        {
            int position = table.Find(Bytes("k" + i));
            Assert.Equal(i % 3 == 0 ? 1000 + i : KeyTable.NoDeadline, table.DeadlineAt(position));
            Assert.Equal(i % 3 == 0 && 1000 + i <= 1150, table.IsExpiredAt(position, 1150));
        }

        Assert.Equal(50, table.VolatileCount);
        table.SetDeadline(table.Find(Bytes("k3")), KeyTable.NoDeadline);
        table.SetDeadline(table.Find(Bytes("k5")), 7);
        table.SetDeadline(table.Find(Bytes("k9")), 8);
        Assert.Equal(50, table.VolatileCount);
        Assert.Equal(8, table.DeadlineAt(table.Find(Bytes("k9"))));
        Assert.Equal(KeyTable.NoDeadline, table.DeadlineAt(table.Find(Bytes("k3"))));
    }

    [Fact]
    public void RandomVolatileSamplesOnlyKeysWithATtlAndReachesEveryOne()
    {
        KeyTable table = new();
        Assert.Throws<InvalidOperationException>(() => table.RandomVolatile(new Random(1)));
        for (int i = 0; i < 1000; i++)
        {
            int position = Add(table, "k" + i, i);
            if (i % 10 == 0)
            {
                table.SetDeadline(position, i);
            }
        }

        Random random = new(3);
        HashSet<string> seen = [];
        for (int i = 0; i < 5000; i++)
        {
            int position = table.RandomVolatile(random);
            Assert.NotEqual(KeyTable.NoDeadline, table.DeadlineAt(position));
            seen.Add(Encoding.ASCII.GetString(table.KeyAt(position)));
        }

        Assert.Equal(100, seen.Count);
        Assert.All(seen, key => Assert.Equal(0, int.Parse(key.AsSpan(1)) % 10));
    }

    [Fact]
    public void ClearEmptiesTheTableAndItIsUsableAfter()
    {
        KeyTable table = new();
        for (int i = 0; i < 10_000; i++)
        {
            int position = Add(table, "k" + i, i);
            table.SetDeadline(position, i);
        }

        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.Equal(0, table.VolatileCount);
        Assert.Equal(KeyTable.MinBuckets, table.BucketCount);
        Assert.False(table.IsMigrating);
        Assert.Equal(-1, table.Find(Bytes("k5")));
        Add(table, "k5", "again");
        Assert.Equal("again", table.ValueAt(table.Find(Bytes("k5"))));
    }

    [Fact]
    public void KeysAreComparedByContentAndTheTableKeepsItsOwnCopy()
    {
        KeyTable table = new();
        byte[] key = Bytes("same");
        Assert.Equal(-1, table.Find(key, out int hash));
        table.Add(key, hash, 1);
        key[0] = (byte)'x';
        Assert.NotEqual(-1, table.Find(Bytes("same")));
        Assert.Equal(-1, table.Find(key));
        Assert.Equal(-1, table.Find(Bytes("sam")));
        Add(table, "", 2);
        Assert.Equal(2, table.ValueAt(table.Find(ReadOnlySpan<byte>.Empty)));
    }

    internal static byte[] Bytes(string key) => Encoding.ASCII.GetBytes(key);

    private static int Add(KeyTable table, string key, object value)
    {
        Assert.Equal(-1, table.Find(Bytes(key), out int hash));
        return table.Add(Bytes(key), hash, value);
    }

    // Every key of the model is found at a position that holds it and its value, and the count matches.
    private static void AssertHolds(KeyTable table, Dictionary<string, object> model)
    {
        Assert.Equal(model.Count, table.Count);
        foreach ((string key, object value) in model)
        {
            int position = table.Find(Bytes(key));
            Assert.True(position >= 0, $"{key} not found");
            Assert.Equal(key, Encoding.ASCII.GetString(table.KeyAt(position)));
            Assert.Same(value, table.ValueAt(position));
        }
    }
}
