using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>String commands: GET, SET and its options, GETDEL, SETNX, SETEX, MGET, MSET, APPEND, STRLEN.</summary>
internal static class StringCommands
{
    public static void Get(ClientSession client, Arguments args)
    {
        if (TryReadString(client, args[1], out object? value))
        {
            WriteString(client, value);
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
            if (!TryGetString(client, args[1], out object? old))
            {
                return;
            }

            // The reply takes its own clone of a registered value, so the overwrite below cannot touch it.
            WriteString(client, old);
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
            client.Database.SetStringKeepTtl(args[1], args[2]);
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
        if (!TryReadString(client, args[1], out object? value))
        {
            return;
        }

        // Reply first: the reply's clone keeps a registered value's bytes alive after the key releases them.
        WriteString(client, value);
        if (value is not null)
        {
            client.Database.Remove(args[1], client.NowMs);
        }
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
            if (StringValue.IsString(value))
            {
                client.Store.Stats.KeyspaceHits++;
                WriteString(client, value);
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
        if (!TryGetString(client, args[1], out object? old))
        {
            return;
        }

        int oldLength = old is null ? 0 : StringValue.Length(old);
        long length = (long)oldLength + args[2].Length;
        if (length > client.Store.Limits.MaxBulkLength)
        {
            client.Writer.Error(ErrorReplies.StringTooLong);
            return;
        }

        // A new value: a registered one is never written over, since replies in flight may still share its bytes.
        byte[] joined = new byte[length];
        if (old is not null)
        {
            StringValue.CopyTo(old, joined);
        }

        args[2].CopyTo(joined.AsSpan(oldLength));
        client.Database.SetStringKeepTtl(args[1], joined);
        client.Writer.Integer(length);
    }

    public static void StrLen(ClientSession client, Arguments args)
    {
        if (TryGetString(client, args[1], out object? value))
        {
            client.Writer.Integer(value is null ? 0 : StringValue.Length(value));
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

}
