using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

public sealed class KeyCommandTests : IDisposable
{
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Fact]
    public void DelAndExistsCount()
    {
        kv.Command("MSET", "a", "1", "b", "2");
        Assert.Equal(Int(3), kv.Command("EXISTS", "a", "b", "a", "c"));
        Assert.Equal(Int(2), kv.Command("DEL", "a", "b", "c"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "a"));
    }

    [Fact]
    public void KeysExpireLazilyOnTheLibOSClock()
    {
        kv.Command("SET", "k", "v", "PX", "1500");
        kv.Clock.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.Equal(Bulk("v"), kv.Command("GET", "k"));
        kv.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(Nil, kv.Command("GET", "k"));
        Assert.Equal(Int(-2), kv.Command("TTL", "k"));
        Assert.Equal(Int(0), kv.Command("DBSIZE"));
    }

    [Fact]
    public void ActiveExpiryRemovesKeysNobodyTouches()
    {
        for (int i = 0; i < 100; i++)
        {
            kv.Command("SET", "t" + i, "v", "EX", "1");
        }

        kv.Command("SET", "forever", "v");
        kv.Clock.Advance(TimeSpan.FromSeconds(2));
        int expired = 0;
        for (int cycle = 0; cycle < 50 && kv.Store[0].Count > 1; cycle++)
        {
            expired += kv.Store.ExpireCycle();
        }

        Assert.Equal(100, expired);
        Assert.Equal(Int(1), kv.Command("DBSIZE"));
    }

    [Fact]
    public void ExpireOptionsAndTtlValues()
    {
        kv.Command("SET", "k", "v");
        Assert.Equal(Int(0), kv.Command("EXPIRE", "nope", "10"));
        Assert.Equal(Int(0), kv.Command("EXPIRE", "k", "10", "XX"));
        Assert.Equal(Int(1), kv.Command("EXPIRE", "k", "10", "NX"));
        Assert.Equal(Int(0), kv.Command("EXPIRE", "k", "5", "GT"));
        Assert.Equal(Int(1), kv.Command("EXPIRE", "k", "5", "LT"));
        Assert.Equal(Int(5), kv.Command("TTL", "k"));
        Assert.Equal(Int(1), kv.Command("PEXPIRE", "k", "2500"));
        Assert.Equal(Int(3), kv.Command("TTL", "k"));
        Assert.Equal(Int(1), kv.Command("PERSIST", "k"));
        Assert.Equal(Int(0), kv.Command("PERSIST", "k"));
        Assert.Equal(Int(-1), kv.Command("TTL", "k"));
        Assert.Equal(Err("ERR NX and XX, GT or LT options at the same time are not compatible"), kv.Command("EXPIRE", "k", "1", "NX", "XX"));
        Assert.Equal(Err("ERR Unsupported option FOO"), kv.Command("EXPIRE", "k", "1", "FOO"));
        Assert.Equal(Err("ERR invalid expire time in 'expire' command"), kv.Command("EXPIRE", "k", "9223372036854775807"));
        Assert.Equal(Int(1), kv.Command("EXPIRE", "k", "-1"));
        Assert.Equal(Int(0), kv.Command("EXISTS", "k"));
    }

    [Fact]
    public void TypeNamesEveryKind()
    {
        kv.Command("SET", "s", "v");
        kv.Command("LPUSH", "l", "v");
        kv.Command("HSET", "h", "f", "v");
        kv.Command("SADD", "z", "v");
        Assert.Equal("+string\r\n+list\r\n+hash\r\n+set\r\n+none\r\n",
            kv.Send(Encode("TYPE", "s") + Encode("TYPE", "l") + Encode("TYPE", "h") + Encode("TYPE", "z") + Encode("TYPE", "q")));
    }

    [Fact]
    public void KeysMatchesGlobs()
    {
        kv.Command("MSET", "hello", "1", "hallo", "2", "hxllo", "3", "world", "4", "h*llo", "5");
        string reply = kv.Command("KEYS", "h[ae]llo");
        Assert.StartsWith("*2\r\n", reply);
        Assert.Contains(Bulk("hello"), reply);
        Assert.Contains(Bulk("hallo"), reply);
        Assert.StartsWith("*1\r\n", kv.Command("KEYS", "h\\*llo"));
        Assert.StartsWith("*4\r\n", kv.Command("KEYS", "h?llo"));
        Assert.StartsWith("*5\r\n", kv.Command("KEYS", "*"));
        Assert.StartsWith("*3\r\n", kv.Command("KEYS", "h[^*]llo"));
    }

    [Fact]
    public void ScanVisitsEveryKeyEvenWhileKeysAreDeleted()
    {
        for (int i = 0; i < 100; i++)
        {
            kv.Command("SET", "key" + i, "v");
        }

        HashSet<string> seen = [];
        string cursor = "0";
        int rounds = 0;
        do
        {
            string reply = kv.Command("SCAN", cursor, "COUNT", "7");
            string[] lines = reply.Split("\r\n");
            cursor = lines[2];
            for (int i = 5; i < lines.Length; i += 2)
            {
                seen.Add(lines[i]);
            }

            // Deleting keys mid-scan must not hide the ones that stay.
            kv.Command("DEL", "key" + (rounds * 3));
            rounds++;
        }
        while (cursor != "0" && rounds < 100);

        for (int i = 0; i < 100; i++)
        {
            if (i % 3 != 0 || i / 3 >= rounds)
            {
                Assert.Contains("key" + i, seen);
            }
        }
    }

    [Fact]
    public void ScanFiltersAndRejectsBadArguments()
    {
        kv.Command("MSET", "a1", "1", "b1", "2");
        kv.Command("LPUSH", "a2", "x");
        Assert.Equal("*2\r\n$1\r\n0\r\n*1\r\n" + Bulk("a1"), kv.Command("SCAN", "0", "MATCH", "a*", "TYPE", "string", "COUNT", "100"));
        Assert.Equal(Err("ERR invalid cursor"), kv.Command("SCAN", "x"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("SCAN", "0", "COUNT", "0"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("SCAN", "0", "MATCH"));
    }

    [Fact]
    public void SelectIsolatesDatabasesAndFlushAllClearsThemAll()
    {
        kv.Command("SET", "k", "0");
        Assert.Equal(Ok, kv.Command("SELECT", "1"));
        Assert.Equal(Nil, kv.Command("GET", "k"));
        kv.Command("SET", "k", "1");
        Assert.Equal(Ok, kv.Command("FLUSHDB"));
        Assert.Equal(Int(0), kv.Command("DBSIZE"));
        kv.Command("SET", "k", "1");
        kv.Command("SELECT", "0");
        Assert.Equal(Bulk("0"), kv.Command("GET", "k"));
        Assert.Equal(Ok, kv.Command("FLUSHALL"));
        Assert.Equal(Int(0), kv.Command("DBSIZE"));
        Assert.Equal(Err("ERR DB index is out of range"), kv.Command("SELECT", "16"));
        Assert.Equal(Err("ERR value is not an integer or out of range"), kv.Command("SELECT", "x"));
        Assert.Equal(Err("ERR syntax error"), kv.Command("FLUSHDB", "NOW"));
    }
}
