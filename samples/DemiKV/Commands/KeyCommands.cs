using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>Commands on keys of any type: DEL (and UNLINK), EXISTS (and TOUCH), EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT, TTL, PTTL, PERSIST, TYPE, KEYS, SCAN.</summary>
internal static class KeyCommands
{
    public static void Del(ClientSession client, Arguments args)
    {
        long removed = 0;
        for (int i = 1; i < args.Count; i++)
        {
            removed += client.Database.Remove(args[i], client.NowMs) ? 1 : 0;
        }

        client.Writer.Integer(removed);
    }

    public static void Exists(ClientSession client, Arguments args)
    {
        long found = 0;
        for (int i = 1; i < args.Count; i++)
        {
            found += client.Database.Exists(args[i], client.NowMs) ? 1 : 0;
        }

        client.Writer.Integer(found);
    }

    public static void Expire(ClientSession client, Arguments args) => ExpireGeneric(client, args, inSeconds: true, absolute: false, "expire");

    public static void PExpire(ClientSession client, Arguments args) => ExpireGeneric(client, args, inSeconds: false, absolute: false, "pexpire");

    public static void ExpireAt(ClientSession client, Arguments args) => ExpireGeneric(client, args, inSeconds: true, absolute: true, "expireat");

    public static void PExpireAt(ClientSession client, Arguments args) => ExpireGeneric(client, args, inSeconds: false, absolute: true, "pexpireat");

    public static void Ttl(ClientSession client, Arguments args) => TtlGeneric(client, args[1], inSeconds: true);

    public static void PTtl(ClientSession client, Arguments args) => TtlGeneric(client, args[1], inSeconds: false);

    public static void Persist(ClientSession client, Arguments args)
    {
        long? deadline = client.Database.GetExpiry(args[1], client.NowMs);
        if (deadline is null or -1)
        {
            client.Writer.Integer(0);
            return;
        }

        client.Database.SetExpiry(args[1], -1, client.NowMs);
        client.Writer.Integer(1);
    }

    public static void Type(ClientSession client, Arguments args)
    {
        client.Writer.SimpleString(client.Database.Get(args[1], client.NowMs) switch
        {
            null => "none"u8,
            byte[] or RegisteredString => "string"u8,
            RedisList => "list"u8,
            RedisHash => "hash"u8,
            _ => "set"u8,
        });
    }

    public static void Keys(ClientSession client, Arguments args)
    {
        ReadOnlySpan<byte> pattern = args[1];
        List<byte[]> matches = [];
        client.Database.MatchingKeys(pattern, client.NowMs, matches);

        client.Writer.ArrayHeader(matches.Count);
        foreach (byte[] key in matches)
        {
            client.Writer.Bulk(key);
        }
    }

    public static void Scan(ClientSession client, Arguments args)
    {
        if (!ulong.TryParse(System.Text.Encoding.ASCII.GetString(args[1]), System.Globalization.NumberStyles.None, null, out ulong cursor))
        {
            client.Writer.Error(ErrorReplies.InvalidCursor);
            return;
        }

        long count = 10;
        byte[]? pattern = null;
        string? type = null;
        for (int i = 2; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                client.Writer.Error(ErrorReplies.Syntax);
                return;
            }

            if (Is(args[i], "COUNT"))
            {
                if (!TryInteger(client, args[i + 1], out count))
                {
                    return;
                }

                if (count < 1)
                {
                    client.Writer.Error(ErrorReplies.Syntax);
                    return;
                }
            }
            else if (Is(args[i], "MATCH"))
            {
                pattern = args.ToArray(i + 1);
            }
            else if (Is(args[i], "TYPE"))
            {
                type = System.Text.Encoding.ASCII.GetString(args[i + 1]).ToLowerInvariant();
            }
            else
            {
                client.Writer.Error(ErrorReplies.Syntax);
                return;
            }
        }

        List<byte[]> keys = [];
        long next = client.Database.Scan(cursor > long.MaxValue ? 0 : (long)cursor, (int)Math.Min(count, int.MaxValue), client.NowMs, keys);
        keys.RemoveAll(key => (pattern is not null && !GlobPattern.IsMatch(pattern, key)) || (type is not null && TypeName(client, key) != type));
        client.Writer.ArrayHeader(2);
        client.Writer.BulkInteger(next);
        client.Writer.ArrayHeader(keys.Count);
        foreach (byte[] key in keys)
        {
            client.Writer.Bulk(key);
        }
    }

    private static string TypeName(ClientSession client, byte[] key) => client.Database.Get(key, client.NowMs) switch
    {
        byte[] or RegisteredString => "string",
        RedisList => "list",
        RedisHash => "hash",
        DenseSet => "set",
        _ => "none",
    };

    // EXPIRE and PEXPIRE count from now; EXPIREAT and PEXPIREAT give a Unix time (Redis adds a base of 0).
    private static void ExpireGeneric(ClientSession client, Arguments args, bool inSeconds, bool absolute, string command)
    {
        bool nx = false, xx = false, gt = false, lt = false;
        for (int i = 3; i < args.Count; i++)
        {
            if (Is(args[i], "NX"))
            {
                nx = true;
            }
            else if (Is(args[i], "XX"))
            {
                xx = true;
            }
            else if (Is(args[i], "GT"))
            {
                gt = true;
            }
            else if (Is(args[i], "LT"))
            {
                lt = true;
            }
            else
            {
                client.Writer.Error("ERR Unsupported option " + System.Text.Encoding.Latin1.GetString(args[i]));
                return;
            }
        }

        if (nx && (xx || gt || lt))
        {
            client.Writer.Error("ERR NX and XX, GT or LT options at the same time are not compatible");
            return;
        }

        if (gt && lt)
        {
            client.Writer.Error("ERR GT and LT options at the same time are not compatible");
            return;
        }

        if (!TryInteger(client, args[2], out long amount))
        {
            return;
        }

        if (inSeconds && (amount > long.MaxValue / 1000 || amount < long.MinValue / 1000))
        {
            client.Writer.Error(ErrorReplies.InvalidExpire(command));
            return;
        }

        long ms = inSeconds ? amount * 1000 : amount;
        if (!absolute && ms > long.MaxValue - client.NowMs)
        {
            client.Writer.Error(ErrorReplies.InvalidExpire(command));
            return;
        }

        long deadline = absolute ? client.Store.ClockMsFromUnixMs(ms) : client.NowMs + ms;
        long? current = client.Database.GetExpiry(args[1], client.NowMs);
        if (current is null)
        {
            client.Writer.Integer(0);
            return;
        }

        // With GT/LT a key without TTL counts as an infinite TTL.
        bool hasTtl = current != -1;
        bool refused = (nx && hasTtl) || (xx && !hasTtl) || (gt && (!hasTtl || deadline <= current)) || (lt && hasTtl && deadline >= current);
        if (refused)
        {
            client.Writer.Integer(0);
            return;
        }

        if (deadline <= client.NowMs)
        {
            client.Database.Remove(args[1], client.NowMs);
        }
        else
        {
            client.Database.SetExpiry(args[1], deadline, client.NowMs);
        }

        client.Writer.Integer(1);
    }

    private static void TtlGeneric(ClientSession client, ReadOnlySpan<byte> key, bool inSeconds)
    {
        long? deadline = client.Database.GetExpiry(key, client.NowMs);
        if (deadline is null)
        {
            client.Writer.Integer(-2);
            return;
        }

        if (deadline == -1)
        {
            client.Writer.Integer(-1);
            return;
        }

        long remaining = Math.Max(0, deadline.Value - client.NowMs);
        client.Writer.Integer(inSeconds ? (remaining + 500) / 1000 : remaining);
    }
}
