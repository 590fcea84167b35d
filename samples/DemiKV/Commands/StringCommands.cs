using DemiKV.Protocol;
using DemiKV.Server;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>String commands: GET, SET and its options, GETDEL, SETNX, SETEX, MGET, MSET, APPEND, STRLEN.</summary>
internal static class StringCommands
{
    public static void Get(ClientSession client, Arguments args)
    {
        if (TryRead(client, args[1], out byte[]? value))
        {
            WriteValue(client, value);
        }
    }

    public static void Set(ClientSession client, Arguments args)
    {
        bool nx = false, xx = false, get = false, keepTtl = false;
        int expireArg = -1;
        bool expireInSeconds = false;
        for (int i = 3; i < args.Count; i++)
        {
            ReadOnlySpan<byte> option = args[i];
            bool hasNext = i + 1 < args.Count;
            if (Is(option, "NX") && !xx)
            {
                nx = true;
            }
            else if (Is(option, "XX") && !nx)
            {
                xx = true;
            }
            else if (Is(option, "GET"))
            {
                get = true;
            }
            else if (Is(option, "KEEPTTL") && expireArg < 0)
            {
                keepTtl = true;
            }
            else if ((Is(option, "EX") || Is(option, "PX")) && !keepTtl && expireArg < 0 && hasNext)
            {
                expireInSeconds = Is(option, "EX");
                expireArg = ++i;
            }
            else
            {
                client.Writer.Error(ErrorReplies.Syntax);
                return;
            }
        }

        long expiresAt = -1;
        if (expireArg >= 0 && !TryDeadline(client, args[expireArg], expireInSeconds, "set", out expiresAt))
        {
            return;
        }

        if (get)
        {
            if (!TryGet(client, args[1], out byte[]? old))
            {
                return;
            }

            WriteValue(client, old);
        }

        // Look the key up only when the outcome depends on it (a plain SET replaces whatever is there): NX and XX,
        // and KEEPTTL, where the lookup also drops an expired key so that its old TTL is not kept.
        if (nx || xx || keepTtl)
        {
            bool found = client.Database.Exists(args[1], client.NowMs);
            if ((nx && found) || (xx && !found))
            {
                if (!get)
                {
                    client.Writer.NullBulk();
                }

                return;
            }
        }

        if (keepTtl)
        {
            client.Database.SetKeepTtl(args[1], args.ToArray(2));
        }
        else
        {
            client.Database.SetString(args[1], args[2], expiresAt);
        }

        if (!get)
        {
            client.Writer.Ok();
        }
    }

    public static void GetDel(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out byte[]? value))
        {
            return;
        }

        if (value is not null)
        {
            client.Database.Remove(args[1], client.NowMs);
        }

        WriteValue(client, value);
    }

    public static void SetNx(ClientSession client, Arguments args)
    {
        if (client.Database.Exists(args[1], client.NowMs))
        {
            client.Writer.Integer(0);
            return;
        }

        client.Database.SetString(args[1], args[2]);
        client.Writer.Integer(1);
    }

    public static void SetEx(ClientSession client, Arguments args)
    {
        if (TryDeadline(client, args[2], inSeconds: true, "setex", out long expiresAt))
        {
            client.Database.SetString(args[1], args[3], expiresAt);
            client.Writer.Ok();
        }
    }

    public static void PSetEx(ClientSession client, Arguments args)
    {
        if (TryDeadline(client, args[2], inSeconds: false, "psetex", out long expiresAt))
        {
            client.Database.SetString(args[1], args[3], expiresAt);
            client.Writer.Ok();
        }
    }

    public static void MGet(ClientSession client, Arguments args)
    {
        client.Writer.ArrayHeader(args.Count - 1);
        for (int i = 1; i < args.Count; i++)
        {
            object? value = client.Database.Get(args[i], client.NowMs);
            if (value is byte[] text)
            {
                client.Store.Stats.KeyspaceHits++;
                client.Writer.Bulk(text);
            }
            else
            {
                client.Store.Stats.KeyspaceMisses++;
                client.Writer.NullBulk();
            }
        }
    }

    public static void MSet(ClientSession client, Arguments args)
    {
        if (args.Count % 2 == 0)
        {
            client.Writer.Error(ErrorReplies.Arity("mset"));
            return;
        }

        for (int i = 1; i < args.Count; i += 2)
        {
            client.Database.SetString(args[i], args[i + 1]);
        }

        client.Writer.Ok();
    }

    public static void Append(ClientSession client, Arguments args)
    {
        if (!TryGet(client, args[1], out byte[]? old))
        {
            return;
        }

        long length = (long)(old?.Length ?? 0) + args[2].Length;
        if (length > client.Store.Limits.MaxBulkLength)
        {
            client.Writer.Error(ErrorReplies.StringTooLong);
            return;
        }

        byte[] joined = new byte[length];
        old?.CopyTo(joined, 0);
        args[2].CopyTo(joined.AsSpan(old?.Length ?? 0));
        client.Database.SetKeepTtl(args[1], joined);
        client.Writer.Integer(length);
    }

    public static void StrLen(ClientSession client, Arguments args)
    {
        if (TryGet(client, args[1], out byte[]? value))
        {
            client.Writer.Integer(value?.Length ?? 0);
        }
    }

    /// <summary>
    /// Turns a TTL argument into an absolute deadline in ms, with Redis's errors: not an integer, or
    /// "invalid expire time" when it is not positive or overflows.
    /// </summary>
    internal static bool TryDeadline(ClientSession client, ReadOnlySpan<byte> text, bool inSeconds, string command, out long deadline)
    {
        deadline = 0;
        if (!TryInteger(client, text, out long amount))
        {
            return false;
        }

        if (amount <= 0 || (inSeconds && amount > long.MaxValue / 1000))
        {
            client.Writer.Error(ErrorReplies.InvalidExpire(command));
            return false;
        }

        long ms = inSeconds ? amount * 1000 : amount;
        if (ms > long.MaxValue - client.NowMs)
        {
            client.Writer.Error(ErrorReplies.InvalidExpire(command));
            return false;
        }

        deadline = client.NowMs + ms;
        return true;
    }

    private static void WriteValue(ClientSession client, byte[]? value)
    {
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
