using System.Runtime.InteropServices;
using System.Text;
using DemiKV.Protocol;
using DemiKV.Server;

namespace DemiKV.Commands;

/// <summary>The commands DemiKV serves, found by case-insensitive name, and the dispatch that checks arity first.</summary>
public static class CommandTable
{
    private static readonly string[] Write = ["write", "denyoom"];
    private static readonly string[] WriteFast = ["write", "denyoom", "fast"];
    private static readonly string[] Delete = ["write"];
    private static readonly string[] WriteFastNoDenyOom = ["write", "fast"];
    private static readonly string[] ReadOnly = ["readonly"];
    private static readonly string[] ReadFast = ["readonly", "fast"];
    private static readonly string[] Connection = ["fast", "loading", "stale"];
    private static readonly string[] Admin = ["loading", "stale"];

    private static readonly CommandSpec[] Specs =
    [
        new("ping", -1, ConnectionCommands.Ping, Connection, 0, 0, 0),
        new("echo", 2, ConnectionCommands.Echo, Connection, 0, 0, 0),
        new("quit", -1, ConnectionCommands.Quit, Connection, 0, 0, 0),
        new("select", 2, ConnectionCommands.Select, Connection, 0, 0, 0),
        new("hello", -1, ConnectionCommands.Hello, Connection, 0, 0, 0),
        new("client", -2, ClientCommands.Client, Admin, 0, 0, 0),
        new("get", 2, StringCommands.Get, ReadFast, 1, 1, 1),
        new("set", -3, StringCommands.Set, Write, 1, 1, 1),
        new("getdel", 2, StringCommands.GetDel, WriteFast, 1, 1, 1),
        new("getset", 3, StringSetVariants.GetSet, WriteFast, 1, 1, 1),
        new("setnx", 3, StringCommands.SetNx, WriteFast, 1, 1, 1),
        new("setex", 4, StringCommands.SetEx, Write, 1, 1, 1),
        new("psetex", 4, StringCommands.PSetEx, Write, 1, 1, 1),
        new("mget", -2, StringCommands.MGet, ReadFast, 1, -1, 1),
        new("mset", -3, StringCommands.MSet, Write, 1, -1, 2),
        new("msetnx", -3, StringSetVariants.MSetNx, Write, 1, -1, 2),
        new("append", 3, StringCommands.Append, Write, 1, 1, 1),
        new("strlen", 2, StringCommands.StrLen, ReadFast, 1, 1, 1),
        new("getrange", 4, StringRangeCommands.GetRange, ReadOnly, 1, 1, 1),
        new("setrange", 4, StringRangeCommands.SetRange, Write, 1, 1, 1),
        new("incr", 2, CounterCommands.Incr, WriteFast, 1, 1, 1),
        new("decr", 2, CounterCommands.Decr, WriteFast, 1, 1, 1),
        new("incrby", 3, CounterCommands.IncrBy, WriteFast, 1, 1, 1),
        new("decrby", 3, CounterCommands.DecrBy, WriteFast, 1, 1, 1),
        new("incrbyfloat", 3, FloatCounterCommand.IncrByFloat, WriteFast, 1, 1, 1),
        new("del", -2, KeyCommands.Del, Delete, 1, -1, 1),
        new("unlink", -2, KeyCommands.Del, WriteFastNoDenyOom, 1, -1, 1),
        new("exists", -2, KeyCommands.Exists, ReadFast, 1, -1, 1),
        new("touch", -2, KeyCommands.Exists, ReadFast, 1, -1, 1),
        new("expire", -3, KeyCommands.Expire, WriteFast, 1, 1, 1),
        new("pexpire", -3, KeyCommands.PExpire, WriteFast, 1, 1, 1),
        new("expireat", -3, KeyCommands.ExpireAt, WriteFastNoDenyOom, 1, 1, 1),
        new("pexpireat", -3, KeyCommands.PExpireAt, WriteFastNoDenyOom, 1, 1, 1),
        new("rename", 3, RenameCommands.Rename, Delete, 1, 2, 1),
        new("renamenx", 3, RenameCommands.RenameNx, WriteFastNoDenyOom, 1, 2, 1),
        new("ttl", 2, KeyCommands.Ttl, ReadFast, 1, 1, 1),
        new("pttl", 2, KeyCommands.PTtl, ReadFast, 1, 1, 1),
        new("persist", 2, KeyCommands.Persist, WriteFast, 1, 1, 1),
        new("type", 2, KeyCommands.Type, ReadFast, 1, 1, 1),
        new("keys", 2, KeyCommands.Keys, ReadOnly, 0, 0, 0),
        new("scan", -2, KeyCommands.Scan, ReadOnly, 0, 0, 0),
        new("randomkey", 1, RandomKeyCommand.RandomKey, ReadOnly, 0, 0, 0),
        new("dbsize", 1, ServerCommands.DbSize, ReadFast, 0, 0, 0),
        new("flushdb", -1, ServerCommands.FlushDb, Delete, 0, 0, 0),
        new("flushall", -1, ServerCommands.FlushAll, Delete, 0, 0, 0),
        new("lpush", -3, ListCommands.LPush, WriteFast, 1, 1, 1),
        new("rpush", -3, ListCommands.RPush, WriteFast, 1, 1, 1),
        new("lpushx", -3, ListCommands.LPushX, WriteFast, 1, 1, 1),
        new("rpushx", -3, ListCommands.RPushX, WriteFast, 1, 1, 1),
        new("lpop", -2, ListCommands.LPop, WriteFast, 1, 1, 1),
        new("rpop", -2, ListCommands.RPop, WriteFast, 1, 1, 1),
        new("lrange", 4, ListCommands.LRange, ReadOnly, 1, 1, 1),
        new("llen", 2, ListCommands.LLen, ReadFast, 1, 1, 1),
        new("lindex", 3, ListCommands.LIndex, ReadOnly, 1, 1, 1),
        new("lset", 4, ListEditCommands.LSet, Write, 1, 1, 1),
        new("ltrim", 4, ListEditCommands.LTrim, Delete, 1, 1, 1),
        new("lrem", 4, ListEditCommands.LRem, Delete, 1, 1, 1),
        new("hset", -4, HashCommands.HSet, WriteFast, 1, 1, 1),
        new("hmset", -4, HashCommands.HMSet, WriteFast, 1, 1, 1),
        new("hget", 3, HashCommands.HGet, ReadFast, 1, 1, 1),
        new("hmget", -3, HashCommands.HMGet, ReadFast, 1, 1, 1),
        new("hdel", -3, HashCommands.HDel, WriteFast, 1, 1, 1),
        new("hgetall", 2, HashCommands.HGetAll, ReadOnly, 1, 1, 1),
        new("hlen", 2, HashCommands.HLen, ReadFast, 1, 1, 1),
        new("hexists", 3, HashCommands.HExists, ReadFast, 1, 1, 1),
        new("hincrby", 4, HashCommands.HIncrBy, WriteFast, 1, 1, 1),
        new("hsetnx", 4, HashFieldCommands.HSetNx, WriteFast, 1, 1, 1),
        new("hstrlen", 3, HashFieldCommands.HStrLen, ReadFast, 1, 1, 1),
        new("hkeys", 2, HashFieldCommands.HKeys, ReadOnly, 1, 1, 1),
        new("hvals", 2, HashFieldCommands.HVals, ReadOnly, 1, 1, 1),
        new("sadd", -3, SetCommands.SAdd, WriteFast, 1, 1, 1),
        new("srem", -3, SetCommands.SRem, WriteFast, 1, 1, 1),
        new("smembers", 2, SetCommands.SMembers, ReadOnly, 1, 1, 1),
        new("sismember", 3, SetCommands.SIsMember, ReadFast, 1, 1, 1),
        new("scard", 2, SetCommands.SCard, ReadFast, 1, 1, 1),
        new("spop", -2, SetCommands.SPop, WriteFast, 1, 1, 1),
        new("srandmember", -2, SetSampleCommands.SRandMember, ReadOnly, 1, 1, 1),
        new("smismember", -3, SetSampleCommands.SMIsMember, ReadFast, 1, 1, 1),
        new("info", -1, ServerCommands.Info, Admin, 0, 0, 0),
        new("config", -2, ServerCommands.Config, Admin, 0, 0, 0),
        new("command", -1, ServerCommands.Command, Admin, 0, 0, 0),
    ];

    private static readonly Dictionary<UInt128, CommandSpec> ByKey = Specs.ToDictionary(s => KeyOf(Encoding.ASCII.GetBytes(s.Name)));

    /// <summary>Every command, in table order.</summary>
    public static IReadOnlyList<CommandSpec> All => Specs;

    /// <summary>The command named <paramref name="name"/> (any case), or null.</summary>
    public static CommandSpec? Find(ReadOnlySpan<byte> name) =>
        name.Length is > 0 and <= MaxNameBytes && ByKey.TryGetValue(KeyOf(name), out CommandSpec? spec) ? spec : null;

    /// <summary>Runs one request: unknown command and arity errors as Redis words them, then the command itself.</summary>
    public static void Execute(ClientSession client, Arguments args)
    {
        client.Store.Stats.CommandsProcessed++;
        CommandSpec? spec = Find(args[0]);
        if (spec is null)
        {
            client.Writer.Error(UnknownCommand(args));
            return;
        }

        if (!spec.AcceptsArgumentCount(args.Count))
        {
            client.Writer.Error(ErrorReplies.Arity(spec.Name));
            return;
        }

        spec.Handler(client, args);
    }

    // Redis: "unknown command '%.128s', with args beginning with: " then "'%.*s' " per argument while under 128 bytes.
    private static string UnknownCommand(Arguments args)
    {
        StringBuilder text = new("ERR unknown command '");
        text.Append(Latin1(args[0], 128)).Append("', with args beginning with: ");
        int length = 0;
        for (int i = 1; i < args.Count && length < 128; i++)
        {
            string arg = Latin1(args[i], 128 - length);
            text.Append('\'').Append(arg).Append("' ");
            length += arg.Length + 3;
        }

        return text.ToString();
    }

    // Command names are ASCII words of at most 15 bytes: the name with A-Z lowered, padded with zeros and its length
    // in the last byte is a 128-bit key, so a lookup is one hash of two words and no conversion to chars.
    private const int MaxNameBytes = 15;

    private static UInt128 KeyOf(ReadOnlySpan<byte> name)
    {
        ulong low = 0;
        ulong high = 0;
        if (name.Length <= sizeof(ulong))
        {
            name.CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref low)));
        }
        else
        {
            low = MemoryMarshal.Read<ulong>(name);
            name[sizeof(ulong)..].CopyTo(MemoryMarshal.AsBytes(new Span<ulong>(ref high)));
        }

        // The length goes into the key's last byte (a value under 16, which lowering leaves alone).
        high |= (ulong)name.Length << 56;
        return new UInt128(LowerAscii(high), LowerAscii(low));
    }

    // Lowers the bytes 'A'..'Z' of a word, eight at a time: a byte's high bit marks the range after adding the bias
    // to its low seven bits (no carry can cross bytes), and bytes with their own high bit set are left alone.
    private static ulong LowerAscii(ulong word)
    {
        const ulong HighBits = 0x8080808080808080;
        ulong sevenBits = word & ~HighBits;
        ulong atLeastA = sevenBits + 0x3F3F3F3F3F3F3F3F;
        ulong pastZ = sevenBits + 0x2525252525252525;
        ulong upper = atLeastA & ~pastZ & ~word & HighBits;
        return word | (upper >> 2);
    }

    private static string Latin1(ReadOnlySpan<byte> bytes, int max) => Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, max)]);
}
