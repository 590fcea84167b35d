using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>
/// String values kept in registered memory and replied zero-copy (a clone of the stored Sga), on a Catmem session in
/// checked mode: freed buffers are poisoned, so a reply whose bytes were released too early would not match.
/// </summary>
public sealed class RegisteredValueTests : IDisposable
{
    private const int MinBytes = 64;

    private readonly KvHarness kv = new();

    public RegisteredValueTests() => kv.Store.KeepLargeValuesIn(kv.OS, MinBytes);

    public void Dispose() => kv.Dispose();

    private int LiveSgas => kv.OS.Stats.LiveSgas;

    [Theory]
    [InlineData(MinBytes)]
    [InlineData(70_000)]
    [InlineData(300_000)]
    public void A_large_value_round_trips_byte_exact_and_holds_one_sga(int length)
    {
        string value = Text(length, seed: length);

        Assert.Equal(Ok, kv.Command("SET", "k", value));
        Assert.Equal(1, LiveSgas);
        Assert.Equal(Bulk(value), kv.Command("GET", "k"));
        Assert.Equal(Bulk(value) + Bulk(value), kv.Command("GET", "k") + kv.Command("GET", "k"));
        Assert.Equal(1, LiveSgas);
        Assert.Equal(Int(1), kv.Command("DEL", "k"));
        Assert.Equal(0, LiveSgas);
    }

    [Fact]
    public void A_value_below_the_threshold_stays_an_array()
    {
        Assert.Equal(Ok, kv.Command("SET", "k", Text(MinBytes - 1, seed: 1)));
        Assert.Equal(0, LiveSgas);
    }

    [Fact]
    public void Replies_queued_before_an_overwrite_or_delete_keep_the_old_bytes()
    {
        string first = Text(100_000, seed: 1);
        string second = Text(90_000, seed: 2);
        kv.Command("SET", "k", first);

        // One batch: every reply is still queued (its clone not yet taken) when the key changes under it.
        kv.Session.Feed(System.Text.Encoding.Latin1.GetBytes(
            Encode("GET", "k") + Encode("SET", "k", second) + Encode("GET", "k") + Encode("GETDEL", "k") + Encode("MGET", "k", "k")));

        Assert.Equal(Bulk(first) + Ok + Bulk(second) + Bulk(second) + "*2\r\n" + Nil + Nil, kv.TakeReplies());
        Assert.Equal(0, LiveSgas);
    }

    [Fact]
    public void Pipelined_gets_of_one_key_each_push_their_own_clone()
    {
        string value = Text(5000, seed: 3);
        kv.Command("SET", "k", value);
        string batch = string.Concat(Enumerable.Repeat(Encode("GET", "k"), 10));

        Assert.Equal(string.Concat(Enumerable.Repeat(Bulk(value), 10)), kv.Send(batch));
        Assert.Equal(1, LiveSgas);
    }

    [Fact]
    public void Append_strlen_and_counters_see_the_registered_value()
    {
        string value = Text(1000, seed: 4);
        kv.Command("SET", "k", value);

        Assert.Equal(Int(1000), kv.Command("STRLEN", "k"));
        Assert.Equal(Int(1003), kv.Command("APPEND", "k", "end"));
        Assert.Equal(Bulk(value + "end"), kv.Command("GET", "k"));
        Assert.Equal(1, LiveSgas);
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("INCR", "k"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("DECRBY", "k", "2"));
        Assert.Equal("+string\r\n", kv.Command("TYPE", "k"));
        Assert.Equal("*2\r\n" + Bulk("0") + Array("k"), kv.Command("SCAN", "0", "TYPE", "string"));
        Assert.Equal(Err("WRONGTYPE Operation against a key holding the wrong kind of value"), kv.Command("LPUSH", "k", "x"));
        Assert.Equal(Bulk(value + "end"), kv.Command("GETDEL", "k"));
        Assert.Equal(Nil, kv.Command("GET", "k"));
        Assert.Equal(0, LiveSgas);
    }

    [Fact]
    public void Append_to_a_small_value_moves_it_into_registered_memory()
    {
        kv.Command("SET", "k", "abc");
        string tail = Text(MinBytes, seed: 5);

        Assert.Equal(Int(3 + MinBytes), kv.Command("APPEND", "k", tail));
        Assert.Equal(1, LiveSgas);
        Assert.Equal(Bulk("abc" + tail), kv.Command("GET", "k"));
    }

    [Fact]
    public void A_registered_integer_counts_as_an_integer()
    {
        kv.Store.KeepLargeValuesIn(kv.OS, 1);
        kv.Command("SET", "n", "41");
        Assert.Equal(1, LiveSgas);

        Assert.Equal(Int(42), kv.Command("INCR", "n"));
        Assert.Equal(0, LiveSgas);
        Assert.Equal(Bulk("42"), kv.Command("GET", "n"));
    }

    [Fact]
    public void Set_get_keepttl_and_setex_replace_and_release_the_old_value()
    {
        string first = Text(2000, seed: 6);
        string second = Text(3000, seed: 7);
        kv.Command("SET", "k", first, "EX", "100");

        Assert.Equal(Bulk(first), kv.Command("SET", "k", second, "KEEPTTL", "GET"));
        Assert.Equal(Int(100), kv.Command("TTL", "k"));
        Assert.Equal(Bulk(second), kv.Command("GET", "k"));
        Assert.Equal(1, LiveSgas);
        Assert.Equal(Ok, kv.Command("SETEX", "k", "10", first));
        Assert.Equal(Ok, kv.Command("MSET", "k", second, "j", first));
        Assert.Equal(Array(second, first), kv.Command("MGET", "k", "j"));
        Assert.Equal(2, LiveSgas);
        Assert.Equal(Ok, kv.Command("SET", "k", "small"));
        Assert.Equal(1, LiveSgas);
    }

    [Fact]
    public void Expired_values_are_released_lazily_and_actively()
    {
        kv.Command("SET", "lazy", Text(500, seed: 8), "PX", "100");
        kv.Command("SET", "active", Text(500, seed: 9), "PX", "100");
        kv.Command("SET", "gone", Text(500, seed: 10));
        Assert.Equal(Int(1), kv.Command("PEXPIRE", "gone", "0"));
        Assert.Equal(2, LiveSgas);

        kv.Clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(Nil, kv.Command("GET", "lazy"));
        Assert.Equal(1, LiveSgas);
        Assert.Equal(1, kv.Store.ExpireCycle());
        Assert.Equal(0, LiveSgas);
    }

    [Fact]
    public void Flushdb_and_flushall_release_every_value()
    {
        kv.Command("MSET", "a", Text(100, seed: 11), "b", Text(200, seed: 12));
        kv.Command("SELECT", "1");
        kv.Command("SET", "c", Text(300, seed: 13));
        Assert.Equal(3, LiveSgas);

        Assert.Equal(Ok, kv.Command("FLUSHDB"));
        Assert.Equal(2, LiveSgas);
        Assert.Equal(Ok, kv.Command("FLUSHALL"));
        Assert.Equal(0, LiveSgas);
    }

    [Fact]
    public void Lists_hashes_and_sets_are_not_affected()
    {
        string value = Text(200, seed: 14);
        kv.Command("RPUSH", "l", value);
        kv.Command("HSET", "h", "f", value);
        kv.Command("SADD", "s", value);

        Assert.Equal(0, LiveSgas);
        Assert.Equal(Array(value), kv.Command("LRANGE", "l", "0", "-1"));
        Assert.Equal(Bulk(value), kv.Command("HGET", "h", "f"));
    }

    [Fact]
    public void Info_reports_the_live_sgas_of_the_shard()
    {
        kv.Command("SET", "k", Text(100, seed: 15));

        string info = kv.Command("INFO", "memory");

        // The stored value only: the harness feeds requests from an array, and INFO's text is built before its reply chunk.
        Assert.Contains("registered_sgas_live:1\r\n", info);
    }

    private static string Text(int length, int seed)
    {
        Random random = new(seed);
        char[] text = new char[length];
        for (int i = 0; i < length; i++)
        {
            text[i] = (char)random.Next(32, 256);
        }

        return new string(text);
    }
}
