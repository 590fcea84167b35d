using DemiKV.Tests.Support;
using StackExchange.Redis;

namespace DemiKV.Tests;

/// <summary>DemiKV through StackExchange.Redis, the most used .NET Redis client: handshake, commands, pipelining, expiry.</summary>
[Collection(NetworkCollection.Name)]
public sealed class StackExchangeRedisTests : IDisposable
{
    private readonly InProcessServer server = new();
    private readonly ConnectionMultiplexer redis;

    public StackExchangeRedisTests()
    {
        ConfigurationOptions options = new()
        {
            EndPoints = { server.EndPoint },
            ConnectTimeout = 10000,
            SyncTimeout = 10000,
            AbortOnConnectFail = true,
            AllowAdmin = true,
        };
        redis = ConnectionMultiplexer.Connect(options);
    }

    public void Dispose()
    {
        redis.Dispose();
        server.Dispose();
    }

    [Fact]
    public void StringsAndCounters()
    {
        IDatabase db = redis.GetDatabase();
        Assert.True(db.StringSet("greeting", "hello"));
        Assert.Equal("hello", (string?)db.StringGet("greeting"));
        Assert.False(db.StringSet("greeting", "again", when: When.NotExists));
        Assert.Equal(11, db.StringAppend("greeting", " world"));
        Assert.Equal(5, db.StringIncrement("counter", 5));
        Assert.Equal(3, db.StringDecrement("counter", 2));
        RedisValue[] values = db.StringGet(["greeting", "counter", "missing"]);
        Assert.Equal(["hello world", "3", RedisValue.Null], values);
        Assert.Equal("hello world", (string?)db.StringGetDelete("greeting"));
        Assert.False(db.KeyExists("greeting"));
    }

    [Fact]
    public void ExpiryIsVisibleThroughTheClient()
    {
        IDatabase db = redis.GetDatabase();
        db.StringSet("temp", "v", TimeSpan.FromSeconds(100));
        TimeSpan? ttl = db.KeyTimeToLive("temp");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value.TotalSeconds, 90, 100);
        Assert.True(db.KeyPersist("temp"));
        Assert.Null(db.KeyTimeToLive("temp"));
        db.StringSet("gone", "v", TimeSpan.FromMilliseconds(1));
        SpinWait.SpinUntil(() => !db.KeyExists("gone"), TimeSpan.FromSeconds(5));
        Assert.False(db.KeyExists("gone"));
    }

    [Fact]
    public void ListsHashesAndSets()
    {
        IDatabase db = redis.GetDatabase();
        db.ListRightPush("list", ["a", "b", "c"]);
        db.ListLeftPush("list", "z");
        Assert.Equal(["z", "a", "b", "c"], db.ListRange("list").Select(v => (string?)v));
        Assert.Equal("c", (string?)db.ListRightPop("list"));
        Assert.Equal(3, db.ListLength("list"));

        db.HashSet("hash", [new HashEntry("f1", "1"), new HashEntry("f2", "2")]);
        Assert.Equal(12, db.HashIncrement("hash", "f2", 10));
        Assert.Equal("1", (string?)db.HashGet("hash", "f1"));
        Assert.Equal(2, db.HashGetAll("hash").Length);
        Assert.True(db.HashDelete("hash", "f1"));

        Assert.Equal(3, db.SetAdd("set", ["x", "y", "z"]));
        Assert.True(db.SetContains("set", "y"));
        Assert.Equal(3, db.SetLength("set"));
        Assert.Equal(["x", "y", "z"], db.SetMembers("set").Select(v => (string)v!).Order());
        Assert.NotNull((string?)db.SetPop("set"));
    }

    [Fact]
    public async Task PipelinedAsyncCallsAllComplete()
    {
        IDatabase db = redis.GetDatabase();
        Task<long>[] increments = Enumerable.Range(0, 2000).Select(_ => db.StringIncrementAsync("pipelined")).ToArray();
        long[] results = await Task.WhenAll(increments);
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (long)i), results.Order());
        Assert.Equal(2000, (long)await db.StringGetAsync("pipelined"));
    }

    [Fact]
    public void ServerCommandsWork()
    {
        IServer admin = redis.GetServer(server.EndPoint);
        admin.Ping();
        IDatabase db = redis.GetDatabase(3);
        db.StringSet("k1", "1");
        db.StringSet("k2", "2");
        Assert.Equal(2, admin.DatabaseSize(3));
        Assert.Equal(["k1", "k2"], admin.Keys(3, "k*", pageSize: 1).Select(k => (string)k!).Order());
        Assert.NotEmpty(admin.Info("memory"));
        admin.FlushDatabase(3);
        Assert.Equal(0, admin.DatabaseSize(3));
    }

    [Fact]
    public void WrongTypeSurfacesAsARedisServerException()
    {
        IDatabase db = redis.GetDatabase();
        db.ListLeftPush("typed", "x");
        RedisServerException error = Assert.Throws<RedisServerException>(() => db.StringGet("typed"));
        Assert.StartsWith("WRONGTYPE", error.Message);
    }
}
