using System.Text;
using DemiKV.Server;
using DemiKV.Tests.Support;
using StackExchange.Redis;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

/// <summary>
/// Large string values over Catnap: one shard keeps them in registered memory and pushes a clone of each per GET;
/// two shards keep them as arrays. Either way the bytes must arrive exact, and no registered buffer may leak.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class ZeroCopyServerTests
{
    private const int Large = ServerOptions.DefaultZeroCopyMinBytes * 3;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Large_values_round_trip_byte_exact_through_StackExchange_Redis(int shards)
    {
        using InProcessServer server = new(shards);
        using ConnectionMultiplexer redis = Connect(server);
        IDatabase db = redis.GetDatabase();
        byte[] value = Bytes(Large, seed: 1);
        byte[] longer = Bytes(Large + 12345, seed: 2);

        Assert.True(db.StringSet("big", value));
        Assert.Equal(value, (byte[]?)db.StringGet("big"));
        Assert.Equal(value.Length, db.StringLength("big"));
        Assert.Equal(value.Length + 4, db.StringAppend("big", "tail"u8.ToArray()));
        Assert.Equal(value.Concat("tail"u8.ToArray()).ToArray(), (byte[]?)db.StringGet("big"));
        Assert.Equal(value.Concat("tail"u8.ToArray()).ToArray(), (byte[]?)db.StringSetAndGet("big", longer));
        Assert.Throws<RedisServerException>(() => db.StringIncrement("big"));
        Assert.Equal(RedisType.String, db.KeyType("big"));
        Assert.True(db.KeyExpire("big", TimeSpan.FromSeconds(100)));
        Assert.InRange(db.KeyTimeToLive("big")!.Value.TotalSeconds, 90, 100);
        RedisValue[] values = db.StringGet(["big", "nope", "big"]);
        Assert.Equal(longer, (byte[]?)values[0]);
        Assert.True(values[1].IsNull);
        Assert.Equal(longer, (byte[]?)values[2]);
        Assert.Equal(longer, (byte[]?)db.StringGetDelete("big"));
        Assert.False(db.KeyExists("big"));
    }

    [Fact]
    public void Two_clients_get_one_large_key_at_the_same_time()
    {
        using InProcessServer server = new();
        byte[] value = Bytes(Large, seed: 3);
        string expected = Bulk(Encoding.Latin1.GetString(value));
        using (RespConnection writer = new(server.EndPoint))
        {
            Assert.Equal(Ok, writer.Call("SET", "shared", Encoding.Latin1.GetString(value)));
        }

        string?[] failures = new string?[2];
        Thread[] readers = [.. Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            using RespConnection reader = new(server.EndPoint);
            for (int round = 0; round < 20; round++)
            {
                if (reader.Call("GET", "shared") != expected)
                {
                    failures[i] = $"reader {i} got other bytes in round {round}";
                    return;
                }
            }
        }))];
        foreach (Thread reader in readers)
        {
            reader.Start();
        }

        foreach (Thread reader in readers)
        {
            reader.Join();
        }

        Assert.All(failures, Assert.Null);
    }

    [Fact]
    public void Pipelined_gets_and_an_overwrite_and_delete_behind_them_answer_in_order()
    {
        using InProcessServer server = new();
        using RespConnection client = new(server.EndPoint);
        string first = Encoding.Latin1.GetString(Bytes(Large, seed: 4));
        string second = Encoding.Latin1.GetString(Bytes(Large / 2, seed: 5));
        Assert.Equal(Ok, client.Call("SET", "k", first));

        // One write: the replies to the first GETs are still queued (their clones not yet pushed) when SET and DEL
        // release the key's value.
        client.Send(Encode("GET", "k") + Encode("GET", "k") + Encode("SET", "k", second) + Encode("GET", "k") + Encode("DEL", "k") + Encode("GET", "k"));

        Assert.Equal(Bulk(first), client.ReadReply());
        Assert.Equal(Bulk(first), client.ReadReply());
        Assert.Equal(Ok, client.ReadReply());
        Assert.Equal(Bulk(second), client.ReadReply());
        Assert.Equal(Int(1), client.ReadReply());
        Assert.Equal(Nil, client.ReadReply());
    }

    [Fact]
    public void No_registered_buffer_outlives_its_clients_and_keys()
    {
        using InProcessServer server = new();
        using RespConnection observer = new(server.EndPoint);
        int baseline = LiveSgas(observer);
        string value = Encoding.Latin1.GetString(Bytes(Large, seed: 6));

        for (int client = 0; client < 3; client++)
        {
            using RespConnection connection = new(server.EndPoint);
            Assert.Equal(Ok, connection.Call("SET", $"k{client}", value));
            connection.Send(Encode("GET", $"k{client}") + Encode("GET", "k0") + Encode("MGET", "k0", $"k{client}"));
            Assert.Equal(Bulk(value), connection.ReadReply());
            Assert.Equal(Bulk(value), connection.ReadReply());
            Assert.Equal("*2\r\n" + Bulk(value) + Bulk(value), connection.ReadReply());
        }

        AssertLiveSgasReach(observer, baseline + 3);
        Assert.Equal(Int(2), observer.Call("DEL", "k0", "k1"));
        AssertLiveSgasReach(observer, baseline + 1);
        Assert.Equal(Ok, observer.Call("FLUSHALL"));
        AssertLiveSgasReach(observer, baseline);
    }

    // A closed client's last push completes and its session ends on the server's own schedule: wait for it, boundedly.
    private static void AssertLiveSgasReach(RespConnection observer, int expected)
    {
        int live = LiveSgas(observer);
        for (int attempt = 0; attempt < 100 && live != expected; attempt++)
        {
            Thread.Sleep(20);
            live = LiveSgas(observer);
        }

        Assert.Equal(expected, live);
    }

    // INFO memory's count of the shard's live Sgas (the stored values, the INFO request and its reply chunk).
    private static int LiveSgas(RespConnection connection)
    {
        string info = connection.Call("INFO", "memory");
        const string Field = "registered_sgas_live:";
        int start = info.IndexOf(Field, StringComparison.Ordinal) + Field.Length;
        return int.Parse(info[start..info.IndexOf('\r', start)]);
    }

    private static ConnectionMultiplexer Connect(InProcessServer server) => ConnectionMultiplexer.Connect(new ConfigurationOptions
    {
        EndPoints = { server.EndPoint },
        ConnectTimeout = 10000,
        SyncTimeout = 10000,
        AbortOnConnectFail = true,
    });

    private static byte[] Bytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
