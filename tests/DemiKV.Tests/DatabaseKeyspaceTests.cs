using System.Text;
using DemiGen;
using DemiKV.Server;
using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class DatabaseKeyspaceTests
{
    [Fact]
    public void ScanDuringMigrationReturnsEveryKeyPresentForTheWholeScan()
    {
        Database database = new();
        Random random = new(11);
        List<string> live = [];
        for (int i = 0; i < 3000; i++)
        {
            database.SetString(Bytes("start:" + i), Bytes("v"));
            live.Add("start:" + i);
        }

        HashSet<string> touched = [];
        HashSet<string> seen = [];
        List<byte[]> batch = [];
        long cursor = 0;
        int rounds = 0;
        int roundsWhileMigrating = 0;
        do
        {
            batch.Clear();
            cursor = database.Scan(cursor, 25, nowMs: 0, batch);
            seen.UnionWith(batch.Select(k => Encoding.ASCII.GetString(k)));

            // Between calls: inserts that make the index grow, deletes, overwrites and expiries.
            for (int i = 0; i < 40; i++)
            {
                string added = $"added:{rounds}:{i}";
                database.SetString(Bytes(added), Bytes("w"));
                live.Add(added);
            }

            for (int i = 0; i < 5; i++)
            {
                int victim = random.Next(live.Count);
                string key = live[victim];
                live[victim] = live[^1];
                live.RemoveAt(live.Count - 1);
                touched.Add(key);
                Assert.True(database.Remove(Bytes(key), nowMs: 0));
            }

            database.SetString(Bytes(live[random.Next(live.Count)]), Bytes("x"));
            roundsWhileMigrating += database.IsRehashing ? 1 : 0;
            rounds++;
        }
        while (cursor != 0 && rounds < 10_000);

        Assert.Equal(0, cursor);
        Assert.True(roundsWhileMigrating > 10, $"{roundsWhileMigrating} rounds while migrating");
        for (int i = 0; i < 3000; i++)
        {
            string key = "start:" + i;
            if (!touched.Contains(key))
            {
                Assert.Contains(key, seen);
            }
        }
    }

    [Fact]
    public void SameLengthStringsAreOverwrittenInPlaceAndOthersReplaced()
    {
        Database database = new();
        database.SetString(Bytes("k"), Bytes("abc"), expiresAtMs: 500);
        byte[] stored = Assert.IsType<byte[]>(database.Get(Bytes("k"), 0));
        database.SetString(Bytes("k"), Bytes("xyz"));
        Assert.Same(stored, database.Get(Bytes("k"), 0));
        Assert.Equal("xyz", Encoding.ASCII.GetString(stored));
        Assert.Equal(-1, database.GetExpiry(Bytes("k"), 0));
        database.SetString(Bytes("k"), Bytes("longer"));
        Assert.NotSame(stored, database.Get(Bytes("k"), 0));
        Assert.Equal(0, database.VolatileCount);
    }

    [Fact]
    public void EmptyKeysAndValuesAreStored()
    {
        Database database = new();
        database.SetString(ReadOnlySpan<byte>.Empty, ReadOnlySpan<byte>.Empty);
        database.SetString(Bytes("k"), ReadOnlySpan<byte>.Empty);
        Assert.Empty(Assert.IsType<byte[]>(database.Get(ReadOnlySpan<byte>.Empty, 0)));
        Assert.Empty(Assert.IsType<byte[]>(database.Get(Bytes("k"), 0)));
        Assert.True(database.Remove(ReadOnlySpan<byte>.Empty, 0));
        Assert.Equal(1, database.Count);
    }

    [Fact]
    public void DbsizeCountsExpiredKeysUntilTheyAreRemoved()
    {
        Database database = new();
        for (int i = 0; i < 100; i++)
        {
            database.SetString(Bytes("k" + i), Bytes("v"), expiresAtMs: i < 60 ? 10 : KeyTable.NoDeadline);
        }

        Assert.Equal(100, database.Count);
        Assert.Equal(60, database.VolatileCount);
        List<byte[]> live = [];
        database.MatchingKeys("*"u8, nowMs: 10, live);
        Assert.Equal(40, live.Count);
        List<byte[]> matching = [];
        database.MatchingKeys("k9?"u8, nowMs: 10, matching);
        Assert.Equal(10, matching.Count);
        Assert.Equal(100, database.Count);
        Assert.Null(database.Get(Bytes("k0"), nowMs: 10));
        Assert.Equal(99, database.Count);
        Assert.Equal(1, database.ExpiredKeys);
        int expired = 0;
        Random random = new(2);
        for (int round = 0; round < 100 && database.VolatileCount > 0; round++)
        {
            expired += database.ExpireSample(20, nowMs: 10, random);
        }

        Assert.Equal(59, expired);
        Assert.Equal(40, database.Count);
        Assert.Equal(60, database.ExpiredKeys);
    }

    [Fact]
    public void ThousandsOfKeysSurviveFlushAndReload()
    {
        Database database = new();
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 20_000; i++)
            {
                database.SetString(Bytes("k" + i), Bytes("v" + i), expiresAtMs: i % 2 == 0 ? 100 : KeyTable.NoDeadline);
            }

            Assert.Equal(20_000, database.Count);
            Assert.Equal(10_000, database.VolatileCount);
            for (int i = 0; i < 20_000; i += 97)
            {
                Assert.Equal("v" + i, Encoding.ASCII.GetString((byte[])database.Get(Bytes("k" + i), 0)!));
            }

            database.Clear();
            Assert.Equal(0, database.Count);
            Assert.Equal(0, database.VolatileCount);
            Assert.Null(database.Get(Bytes("k1"), 0));
        }
    }

    [Fact]
    public void StoreRehashFinishesAPendingResizeWithoutLookups()
    {
        KvStore store = new(new ManualClock(0));
        Database database = store[3];
        int i = 0;
        while (!database.IsRehashing || database.Count < 1000)
        {
            database.SetString(Bytes("k" + i++), Bytes("v"));
        }

        Assert.False(store.Rehash(TimeSpan.FromSeconds(10)));
        Assert.False(database.IsRehashing);
        for (int k = 0; k < i; k++)
        {
            Assert.True(database.Exists(Bytes("k" + k), 0));
        }
    }

    [Fact]
    public void TheRehashHandlerFinishesAResizeOnTheLibOSTimer()
    {
        ManualClock clock = new(0, autoAdvance: true);
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock });
        KvStore store = new(clock);
        ServerLifetime lifetime = new();
        Database database = store[0];
        int i = 0;
        while (!database.IsRehashing || database.Count < 1000)
        {
            database.SetString(Bytes("k" + i++), Bytes("v"));
        }

        DemiTask rehash = KvHandlers.RehashKeys(os, store, lifetime);
        os.Wait(os.DelayAsync(TimeSpan.FromMilliseconds(250)).Token);
        Assert.False(database.IsRehashing);
        lifetime.Stop();
        os.Wait(rehash.Token);
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
