using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>Hash commands: HSET, HMSET, HGET, HMGET, HDEL, HGETALL, HLEN, HEXISTS, HINCRBY. An emptied hash's key is deleted.</summary>
internal static class HashCommands
{
    public static void HSet(ClientSession client, Arguments args)
    {
        if (SetFields(client, args, "hset") is { } added)
        {
            client.Writer.Integer(added);
        }
    }

    public static void HMSet(ClientSession client, Arguments args)
    {
        if (SetFields(client, args, "hmset") is not null)
        {
            client.Writer.Ok();
        }
    }

    /// <summary>HSET and HMSET: stores the field/value pairs; returns how many fields are new, or null after an error reply.</summary>
    private static long? SetFields(ClientSession client, Arguments args, string command)
    {
        if (args.Count % 2 == 1)
        {
            client.Writer.Error(ErrorReplies.Arity(command));
            return null;
        }

        if (!TryGet(client, args[1], out RedisHash? hash))
        {
            return null;
        }

        if (hash is null)
        {
            hash = new RedisHash();
            client.Database.Set(args[1], hash);
        }

        if (args.Count > 4)
        {
            hash.Reserve(PackedRoom.Of(args, 2));
        }

        long added = 0;
        for (int i = 2; i < args.Count; i += 2)
        {
            added += hash.Set(args[i], args[i + 1]) ? 1 : 0;
        }

        return added;
    }

    public static void HMGet(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out RedisHash? hash))
        {
            return;
        }

        client.Writer.ArrayHeader(args.Count - 2);
        for (int i = 2; i < args.Count; i++)
        {
            if (hash is not null && hash.TryGet(args[i], out ReadOnlySpan<byte> value))
            {
                client.Writer.Bulk(value);
            }
            else
            {
                client.Writer.NullBulk();
            }
        }
    }

    public static void HGet(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out RedisHash? hash))
        {
            return;
        }

        if (hash is not null && hash.TryGet(args[2], out ReadOnlySpan<byte> value))
        {
            client.Writer.Bulk(value);
        }
        else
        {
            client.Writer.NullBulk();
        }
    }

    public static void HDel(ClientSession client, Arguments args)
    {
        if (!TryGet(client, args[1], out RedisHash? hash))
        {
            return;
        }

        long removed = 0;
        if (hash is not null)
        {
            for (int i = 2; i < args.Count; i++)
            {
                removed += hash.Remove(args[i]) ? 1 : 0;
            }

            if (hash.Count == 0)
            {
                client.Database.Remove(args[1], client.NowMs);
            }
        }

        client.Writer.Integer(removed);
    }

    public static void HGetAll(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out RedisHash? hash))
        {
            return;
        }

        client.Writer.ArrayHeader((hash?.Count ?? 0) * 2L);
        if (hash is not null)
        {
            RedisHash.Enumerator pairs = hash.GetEnumerator();
            while (pairs.MoveNext())
            {
                client.Writer.Bulk(pairs.Field);
                client.Writer.Bulk(pairs.Value);
            }
        }
    }

    public static void HLen(ClientSession client, Arguments args)
    {
        if (TryGet(client, args[1], out RedisHash? hash))
        {
            client.Writer.Integer(hash?.Count ?? 0);
        }
    }

    public static void HExists(ClientSession client, Arguments args)
    {
        if (TryGet(client, args[1], out RedisHash? hash))
        {
            client.Writer.Integer(hash is not null && hash.Contains(args[2]) ? 1 : 0);
        }
    }

    public static void HIncrBy(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[3], out long increment) || !TryGet(client, args[1], out RedisHash? hash))
        {
            return;
        }

        long current = 0;
        if (hash is not null && hash.TryGet(args[2], out ReadOnlySpan<byte> stored) && !RespNumber.TryParseInt64(stored, out current))
        {
            client.Writer.Error(ErrorReplies.HashNotInteger);
            return;
        }

        if ((increment < 0 && current < 0 && increment < long.MinValue - current) ||
            (increment > 0 && current > 0 && increment > long.MaxValue - current))
        {
            client.Writer.Error(ErrorReplies.Overflow);
            return;
        }

        if (hash is null)
        {
            hash = new RedisHash();
            client.Database.Set(args[1], hash);
        }

        long result = current + increment;
        Span<byte> digits = stackalloc byte[20];
        hash.Set(args[2], digits[..RespNumber.Format(result, digits)]);
        client.Writer.Integer(result);
    }
}
