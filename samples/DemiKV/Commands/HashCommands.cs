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
            byte[]? value = hash?.Get(args[i]);
            if (value is null)
            {
                client.Writer.NullBulk();
            }
            else
            {
                client.Writer.Bulk(value);
            }
        }
    }

    public static void HGet(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out RedisHash? hash))
        {
            return;
        }

        byte[]? value = hash?.Get(args[2]);
        if (value is null)
        {
            client.Writer.NullBulk();
        }
        else
        {
            client.Writer.Bulk(value);
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
            for (int i = 0; i < hash.Count; i++)
            {
                client.Writer.Bulk(hash.FieldAt(i));
                client.Writer.Bulk(hash.ValueAt(i));
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
            client.Writer.Integer(hash?.Get(args[2]) is null ? 0 : 1);
        }
    }

    public static void HIncrBy(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[3], out long increment) || !TryGet(client, args[1], out RedisHash? hash))
        {
            return;
        }

        long current = 0;
        byte[]? stored = hash?.Get(args[2]);
        if (stored is not null && !RespNumber.TryParseInt64(stored, out current))
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
