namespace DemiKV.Tests;

/// <summary>
/// The command script the differential test runs against DemiKV and against a real redis-server. Every reply must
/// be identical; for commands whose element order Redis leaves unspecified (KEYS, SMEMBERS, SCAN) the elements are
/// compared as sorted sets.
/// </summary>
internal static class DifferentialScript
{
    /// <summary>Commands whose array reply is compared without regard to order.</summary>
    public static readonly HashSet<string> Unordered = new(StringComparer.OrdinalIgnoreCase) { "KEYS", "SMEMBERS", "SPOP" };

    /// <summary>
    /// Commands whose reply picks random elements (SRANDMEMBER): only its shape is compared — the kind of reply
    /// and an array's length — and the script checks membership where the pick is forced (a one-member set).
    /// </summary>
    public static readonly HashSet<string> RandomPick = new(StringComparer.OrdinalIgnoreCase) { "SRANDMEMBER" };

    public static IEnumerable<string[]> Commands()
    {
        string[] lines =
        [
            "PING", "PING hello", "ECHO world", "SELECT 0", "FLUSHALL", "DBSIZE",
            "SET s1 v1", "GET s1", "GET nope", "SET s1 v2 XX GET", "SET s2 v NX", "SET s2 w NX", "SET s2 w XX",
            "SET s3 v EX 100", "TTL s3", "SET s3 w KEEPTTL", "TTL s3", "SET s3 x", "TTL s3", "PTTL nope",
            "SET s4 v PX 100000", "PERSIST s4", "PERSIST s4", "TTL s4",
            "SET bad v EX 0", "SET bad v EX -1", "SET bad v EX abc", "SET bad v NX XX", "SET bad v EX 1 KEEPTTL", "SET bad v FOO",
            "GETDEL s1", "GETDEL s1", "SETNX n1 1", "SETNX n1 2", "SETEX e1 100 v", "TTL e1", "SETEX e1 0 v", "SETEX e1 x v",
            "MSET a 1 b 2 c 3", "MGET a b c nope", "MSET a", "DEL a b nope", "EXISTS a b c c",
            "INCR cnt", "INCR cnt", "INCRBY cnt 10", "DECR cnt", "DECRBY cnt 5", "INCRBY cnt abc", "INCRBY cnt 1.5",
            "SET big 9223372036854775807", "INCR big", "SET small -9223372036854775808", "DECR small", "DECRBY cnt -9223372036854775808",
            "SET notnum abc", "INCR notnum", "SET spaced \" 1\"", "INCR spaced", "SET lead 01", "INCR lead",
            "APPEND ap hello", "APPEND ap \" world\"", "GET ap", "STRLEN ap", "STRLEN nope",
            "EXPIRE ap 100", "TTL ap", "EXPIRE ap 50 GT", "EXPIRE ap 200 GT", "TTL ap", "EXPIRE ap 10 LT", "TTL ap",
            "EXPIRE ap 10 NX", "EXPIRE ap 10 XX", "EXPIRE nope 10", "EXPIRE ap 10 NX XX", "EXPIRE ap 10 BAD", "EXPIRE ap x",
            "PEXPIRE ap 5000", "TTL ap", "EXPIRE ap -1", "EXISTS ap",
            "TYPE cnt", "TYPE nope",
            "RPUSH l1 a b c", "LPUSH l1 x y", "LRANGE l1 0 -1", "LRANGE l1 1 2", "LRANGE l1 -2 -1", "LRANGE l1 5 10", "LRANGE l1 2 1",
            "LRANGE l1 -100 100", "LRANGE l1 a 1", "LLEN l1", "LLEN nope", "LINDEX l1 0", "LINDEX l1 -1", "LINDEX l1 99", "LINDEX l1 x",
            "LPOP l1", "RPOP l1", "LPOP l1 2", "RPOP l1 0", "LPOP l1 -1", "LPOP l1 1 2", "RPOP l1 10", "EXISTS l1", "LPOP l1", "LPOP l1 3",
            "TYPE l1", "RPUSH l2 a", "TYPE l2", "GET l2", "INCR l2", "SET l2 x GET",
            "HSET h1 f1 v1 f2 v2", "HSET h1 f1 v3", "HGET h1 f1", "HGET h1 nope", "HGET nope f", "HLEN h1", "HEXISTS h1 f2", "HEXISTS h1 zz",
            "HGETALL h1", "HGETALL nope", "HINCRBY h1 n 5", "HINCRBY h1 n -10", "HINCRBY h1 f1 1", "HINCRBY h1 n x", "HSET h1 a",
            "HMSET h1 m1 1 m2 2", "HMSET h1 m3", "HMGET h1 m1 nope m2", "HMGET nope a", "HDEL h1 f1 f2 n zz m1 m2", "EXISTS h1", "TYPE h1", "LPUSH h2 x", "HSET h2 f v", "HGET h2 f",
            "HSET ho a 1 b 2 c 3 d 4", "HDEL ho b", "HSET ho e 5 a 6", "HGETALL ho",
            "HSET hb f1 \"\" f2 {BIN} f3 v3 f4 {BIN} f5 5", "HGETALL hb", "HDEL hb f3", "HGETALL hb", "HSET hb f2 x f1 {BIN}",
            "HGETALL hb", "HMGET hb f1 f2 f3 nope", "HSET hb {BIN} \"\"", "HEXISTS hb {BIN}", "HGET hb {BIN}", "HINCRBY hb f5 995",
            "HSET hb f3 {V64} {V64} v", "HGETALL hb", "HDEL hb f4", "HGETALL hb", "HSET hb f3 {V65}", "HGET hb f3", "HLEN hb",
            "HDEL hb f3 f1", "HGET hb f2", "HGET hb {V64}", "HLEN hb",
            "SADD sb {BIN} \"\" x {V64}", "SISMEMBER sb {BIN}", "SREM sb {BIN}", "SMEMBERS sb", "SREM sb \"\"", "SMEMBERS sb", "SADD sb {V65}",
            "SCARD sb", "SISMEMBER sb {V65}", "SISMEMBER sb x",
            "SADD st a b c a", "SADD st d", "SCARD st", "SISMEMBER st a", "SISMEMBER st z", "SMEMBERS st", "SREM st a z", "SMEMBERS st",
            "SCARD nope", "SMEMBERS nope", "SPOP nope", "SPOP nope 3", "SPOP st -1", "SPOP st 10", "EXISTS st", "TYPE st", "SADD l2 x",
            "MSET key1 1 key2 2 key3 3 other 4", "KEYS key*", "KEYS key[12]", "KEYS ?ey?", "KEYS k\\*", "KEYS *",
            "DBSIZE", "SELECT 1", "GET key1", "SET key1 db1", "DBSIZE", "FLUSHDB", "DBSIZE", "SELECT 0", "GET key1", "SELECT 16", "SELECT x",
            "FLUSHDB BAD", "FLUSHALL", "DBSIZE", "GET key1",
            "SET zbig {BIG}", "GET zbig", "STRLEN zbig", "APPEND zbig tail", "STRLEN zbig", "SET zbig {BIG2} GET", "GET zbig",
            "INCR zbig", "TYPE zbig", "MGET zbig nope zbig", "EXPIRE zbig 100", "TTL zbig", "GETDEL zbig", "EXISTS zbig",
            "RPUSH zl {BIG2} small {BIG}", "LPUSH zl {BIG2} x", "LRANGE zl 0 -1", "LRANGE zl 1 3", "LINDEX zl -1", "LPOP zl 2", "RPOP zl",
            "LRANGE zl 0 -1",
            "RPUSH lb {BIN} \"\" {V127} {V128} x", "LPUSH lb \"\" {BIN} {V128}", "LRANGE lb 0 -1", "LRANGE lb -3 -2", "LINDEX lb -4",
            "LINDEX lb 1", "RPOP lb 2", "LPOP lb", "LRANGE lb 0 -1", "LLEN lb", "LPOP lb 9", "EXISTS lb",
            "FLUSHALL", "SET u1 a", "SET u2 b", "UNLINK u1 u2 nope", "UNLINK", "EXISTS u1",
            "HSET hx f1 v1 f2 {BIN} f3 \"\"", "HKEYS hx", "HVALS hx", "HKEYS nope", "HVALS nope", "HKEYS", "HSETNX hx f1 z", "HSETNX hx f4 v4",
            "HSETNX hn f v", "HGET hn f", "HSETNX hx f", "HSTRLEN hx f1", "HSTRLEN hx f2", "HSTRLEN hx f3", "HSTRLEN hx zz", "HSTRLEN nope f",
            "HSTRLEN hx", "SET hs v", "HKEYS hs", "HVALS hs", "HSETNX hs f v", "HSTRLEN hs f",
            "RPUSH lt a b c d e f g", "LTRIM lt 1 -2", "LRANGE lt 0 -1", "LTRIM lt -100 100", "LRANGE lt 0 -1", "LTRIM lt -3 -2", "LRANGE lt 0 -1",
            "LTRIM lt x 1", "LTRIM lt 0 y", "LTRIM nope 0 1", "LTRIM nope x 1", "LTRIM lt 0", "LTRIM hs 0 1", "LTRIM lt 5 10", "EXISTS lt",
            "RPUSH lt a b c", "LTRIM lt 2 1", "EXISTS lt", "RPUSH lt a b c", "LTRIM lt -1 -3", "EXISTS lt",
            "RPUSH ls a b c", "LSET ls 0 x", "LSET ls -1 {V128}", "LSET ls 1 {BIN}", "LRANGE ls 0 -1", "LSET ls 3 y", "LSET ls -4 y", "LSET ls x y",
            "LSET nope 0 x", "LSET nope x x", "LSET hs 0 x", "LSET ls 0", "LSET ls 2 \"\"", "LRANGE ls 0 -1",
            "LPUSHX nope a", "RPUSHX nope a", "EXISTS nope", "LPUSHX ls h1 h2", "RPUSHX ls t1", "LRANGE ls 0 -1", "LPUSHX hs a", "RPUSHX hs a", "LPUSHX ls",
            "RPUSH lr a b a c a b a", "LREM lr 2 a", "LRANGE lr 0 -1", "LREM lr -1 a", "LRANGE lr 0 -1", "LREM lr 0 b", "LRANGE lr 0 -1",
            "LREM lr x a", "RPUSH lm x x y", "LREM lm -9223372036854775808 x", "LRANGE lm 0 -1", "LREM lm 9223372036854775807 y", "EXISTS lm", "LREM nope 1 a", "LREM hs 1 a", "LREM lr 1", "LREM lr 0 c", "LREM lr -5 a", "EXISTS lr",
            "SADD sr a b c d e", "SRANDMEMBER sr 0", "SRANDMEMBER sr 3", "SRANDMEMBER sr 5", "SRANDMEMBER sr 50", "SRANDMEMBER sr -7", "SRANDMEMBER sr",
            "SRANDMEMBER nope", "SRANDMEMBER nope 3", "SRANDMEMBER nope -3", "SRANDMEMBER sr x", "SRANDMEMBER nope x", "SRANDMEMBER sr 1 2",
            "SRANDMEMBER sr -9223372036854775808", "SRANDMEMBER sr 9223372036854775807", "SRANDMEMBER hs", "SRANDMEMBER hs 2", "SRANDMEMBER",
            "SADD s1 only", "SRANDMEMBER s1", "SRANDMEMBER s1 -4", "SRANDMEMBER s1 4",
            "SMISMEMBER sr a z e", "SMISMEMBER nope a b", "SMISMEMBER sr", "SMISMEMBER hs a",
            "SET g1 old", "EXPIRE g1 100", "GETSET g1 new", "GET g1", "TTL g1", "GETSET gn v", "GET gn", "GETSET sr v", "GETSET g1",
            "SET ea v", "EXPIREAT ea 99999999999", "TTL ea", "PEXPIREAT ea 99999999999000 GT", "EXPIREAT ea 4102444800 LT", "EXPIREAT ea 4102444800 NX",
            "EXPIREAT ea x", "EXPIREAT ea 1 BAD", "EXPIREAT nope 99999999999", "EXPIREAT ea 9223372036854775807", "PEXPIREAT ea 9223372036854775807", "PERSIST ea",
            "EXPIREAT ea 1", "EXISTS ea", "SET ea v", "PEXPIREAT ea 1000", "EXISTS ea", "EXPIREAT ea", "PEXPIREAT ea x",
            "SET r1 v", "EXPIRE r1 100", "RENAME r1 r2", "EXISTS r1", "GET r2", "TTL r2", "RENAME r1 r2", "RENAME r2 r2", "GET r2", "RENAME r2",
            "SET r3 w", "RENAME r3 r2", "GET r2", "TTL r2", "RENAME ls r2", "TYPE r2", "LRANGE r2 0 -1",
            "SET r4 v", "RENAMENX r4 r2", "RENAMENX r4 r4", "RENAMENX nope r9", "RENAMENX r4 r5", "GET r5", "EXISTS r4", "RENAMENX r5",
            "TOUCH r2 r5 nope r2", "TOUCH",
            "SET gr hello", "GETRANGE gr 0 -1", "GETRANGE gr -3 -1", "GETRANGE gr -1 -3", "GETRANGE gr 1 1", "GETRANGE gr 0 100", "GETRANGE gr 10 100",
            "GETRANGE gr -100 -50", "GETRANGE gr -100 2", "GETRANGE gr 3 1", "GETRANGE nope 0 1", "GETRANGE nope x 1", "GETRANGE gr 0 y", "GETRANGE sr 0 1",
            "GETRANGE gr 0", "SET gre \"\"", "GETRANGE gre 0 -1", "GETRANGE gre -1 0",
            "SETRANGE gr 1 EY", "GET gr", "SETRANGE gr 8 !", "GET gr", "STRLEN gr", "SETRANGE gr 0 \"\"", "SETRANGE sn 2 ab", "GET sn",
            "SETRANGE sn2 5 \"\"", "EXISTS sn2", "SETRANGE gr -1 x", "SETRANGE gr x y", "SETRANGE sr 0 x", "SETRANGE sr -1 x", "SETRANGE sr 0 \"\"",
            "SETRANGE gr 536870912 x", "SETRANGE gr 536870911 xy", "SETRANGE gr 536870912 \"\"", "SETRANGE gr 9223372036854775807 x", "SETRANGE gr 0",
            "SET gt v EX 100", "SETRANGE gt 1 w", "TTL gt", "GET gt",
            "MSETNX m1 a m2 b", "MGET m1 m2", "MSETNX m3 c m1 z", "EXISTS m3", "GET m1", "MSETNX m4 a m4 b", "GET m4", "MSETNX m5", "MSETNX m5 a m6",
            "EXPIRE m1 100", "MSETNX m1 x", "TTL m1",
            "SET zbig {BIG}", "GETRANGE zbig 99990 -1", "GETRANGE zbig 65530 65545", "SETRANGE zbig 99998 xyz", "GETRANGE zbig -5 -1", "STRLEN zbig",
            "SET f 10", "INCRBYFLOAT f 0.5", "INCRBYFLOAT f 5.0e3", "INCRBYFLOAT f -5010.5", "INCRBYFLOAT f 12345.678", "INCRBYFLOAT f 0.1",
            "INCRBYFLOAT f2 0.1", "INCRBYFLOAT f2 0.2", "INCRBYFLOAT f2 1e20", "INCRBYFLOAT f2 -1e20", "INCRBYFLOAT f3 3.14159265358979",
            "INCRBYFLOAT f3 -3.14159265358979", "INCRBYFLOAT f4 -0.1", "INCRBYFLOAT f4 0.1", "INCRBYFLOAT f5 .5", "INCRBYFLOAT f5 5.", "INCRBYFLOAT f5 0x10",
            "INCRBYFLOAT f5 0x1.8p3", "INCRBYFLOAT f5 -0X.4P-2", "INCRBYFLOAT f5 1.5e-7", "INCRBYFLOAT f5 +2E+2", "INCRBYFLOAT f6 1e4932", "INCRBYFLOAT f6 1e4932",
            "INCRBYFLOAT f6 1e308", "INCRBYFLOAT f7 1e-4940", "INCRBYFLOAT f7 1e-5000", "INCRBYFLOAT f7 1e5000", "INCRBYFLOAT f7 inf", "INCRBYFLOAT f7 -Infinity",
            "INCRBYFLOAT f7 nan", "INCRBYFLOAT f7 abc", "INCRBYFLOAT f7 \" 1\"", "INCRBYFLOAT f7 \"1 \"", "INCRBYFLOAT f7 1e", "INCRBYFLOAT f7 .", "INCRBYFLOAT f7 0x",
            "INCRBYFLOAT f7 1.2.3", "INCRBYFLOAT f7 \"\"", "INCRBYFLOAT f7 1", "INCRBYFLOAT f7", "SET f8 inf", "INCRBYFLOAT f8 1", "SET f9 abc", "INCRBYFLOAT f9 1",
            "INCRBYFLOAT f9 x", "INCRBYFLOAT sr x", "INCRBYFLOAT sr 1", "SET f10 5 EX 100", "INCRBYFLOAT f10 1.25", "TTL f10", "GET f10",
            "SET f11 9223372036854775807", "INCRBYFLOAT f11 1", "INCRBYFLOAT f11 0.123456789", "SET f12 1e300", "INCRBYFLOAT f12 1",
            "FLUSHALL", "RANDOMKEY", "SET onlykey v", "RANDOMKEY", "RANDOMKEY x",
            "NOSUCHCOMMAND a b", "get", "SET onlykey", "ECHO", "PING a b", "CLIENT SETNAME demo", "CLIENT GETNAME",
            "CLIENT SETNAME \"a b\"", "CLIENT NOPE", "CONFIG GET databases", "HELLO x",
            "QUIT",
        ];

        foreach (string line in lines)
        {
            yield return Split(line).Select(Expand).ToArray();
        }
    }

    // Large values (kept in registered memory and replied zero-copy by DemiKV as strings; list replies longer than one
    // reply chunk as list elements): {BIG} and {BIG2}, 100 KB and 70 KB. {BIN} holds CR LF, a zero and 0xFF; {V64}
    // and {V65} are at and just past the longest field or value a small hash or set keeps packed; {V127} and {V128} at
    // and just past the longest list element with a one-byte length.
    private static string Expand(string word) => word switch
    {
        "{BIG}" => Large(100_000, 'a'),
        "{BIG2}" => Large(70_000, 'k'),
        "{BIN}" => "a\r\nb\0\u00ff\r\n",
        "{V64}" => Large(64, 'A'),
        "{V65}" => Large(65, 'B'),
        "{V127}" => Large(127, 'C'),
        "{V128}" => Large(128, 'D'),
        _ => word,
    };

    private static string Large(int length, char first) =>
        string.Create(length, first, (text, start) =>
        {
            for (int i = 0; i < text.Length; i++)
            {
                text[i] = (char)(start + (i % 13));
            }
        });

    // Space-separated words; a word in double quotes may hold spaces.
    private static string[] Split(string line)
    {
        List<string> words = [];
        int i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
            }
            else if (line[i] == '"')
            {
                int end = line.IndexOf('"', i + 1);
                words.Add(line[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                int end = line.IndexOf(' ', i);
                end = end < 0 ? line.Length : end;
                words.Add(line[i..end]);
                i = end;
            }
        }

        return [.. words];
    }
}
