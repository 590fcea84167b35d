using DemiKV.Server;
using DemiKV.Storage;

namespace DemiKV.Commands;

/// <summary>Looks a key up expecting one value type, replying WRONGTYPE when another type is stored.</summary>
internal static class TypedLookup
{
    /// <summary>
    /// Finds the value of <paramref name="key"/> as <typeparamref name="T"/>: true with the value (null when the
    /// key is missing); false after replying WRONGTYPE.
    /// </summary>
    public static bool TryGet<T>(ClientSession client, ReadOnlySpan<byte> key, out T? value)
        where T : class
    {
        object? stored = client.Database.Get(key, client.NowMs);
        value = stored as T;
        if (stored is not null && value is null)
        {
            client.Writer.Error(ErrorReplies.WrongType);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Finds a string value of either form (byte[] or <see cref="RegisteredString"/>): true with the value (null
    /// when the key is missing); false after replying WRONGTYPE.
    /// </summary>
    public static bool TryGetString(ClientSession client, ReadOnlySpan<byte> key, out object? value)
    {
        value = client.Database.Get(key, client.NowMs);
        if (value is not null && !StringValue.IsString(value))
        {
            client.Writer.Error(ErrorReplies.WrongType);
            return false;
        }

        return true;
    }

    /// <summary>Like <see cref="TryGetString"/>, and counts a keyspace hit or miss for INFO.</summary>
    public static bool TryReadString(ClientSession client, ReadOnlySpan<byte> key, out object? value)
    {
        bool ok = TryGetString(client, key, out value);
        if (ok)
        {
            CountLookup(client, value);
        }

        return ok;
    }

    /// <summary>
    /// Writes a string value as a bulk reply, or the null bulk for a missing key. A value in registered memory is
    /// not copied: the reply pushes a clone of it, which keeps its bytes alive even if the key changes meanwhile.
    /// </summary>
    public static void WriteString(ClientSession client, object? value)
    {
        switch (value)
        {
            case null:
                client.Writer.NullBulk();
                break;
            case RegisteredString registered:
                client.Writer.Bulk(client.OS.SgaClone(registered.Bytes));
                break;
            default:
                client.Writer.Bulk((byte[])value);
                break;
        }
    }

    /// <summary>Like <see cref="TryGet{T}"/>, and counts a keyspace hit or miss for INFO.</summary>
    public static bool TryRead<T>(ClientSession client, ReadOnlySpan<byte> key, out T? value)
        where T : class
    {
        bool ok = TryGet(client, key, out value);
        if (ok)
        {
            CountLookup(client, value);
        }

        return ok;
    }

    private static void CountLookup(ClientSession client, object? value)
    {
        if (value is null)
        {
            client.Store.Stats.KeyspaceMisses++;
        }
        else
        {
            client.Store.Stats.KeyspaceHits++;
        }
    }

    /// <summary>Parses argument text as an integer, replying "not an integer" when it is not.</summary>
    public static bool TryInteger(ClientSession client, ReadOnlySpan<byte> text, out long value)
    {
        if (Protocol.RespNumber.TryParseInt64(text, out value))
        {
            return true;
        }

        client.Writer.Error(ErrorReplies.NotInteger);
        return false;
    }

    /// <summary>Parses a count that must be zero or more (LPOP/RPOP/SPOP count).</summary>
    public static bool TryPositiveCount(ClientSession client, ReadOnlySpan<byte> text, out long value)
    {
        if (!TryInteger(client, text, out value))
        {
            return false;
        }

        if (value < 0)
        {
            client.Writer.Error(ErrorReplies.MustBePositive);
            return false;
        }

        return true;
    }

    /// <summary>True if the ASCII argument equals <paramref name="word"/> ignoring case.</summary>
    public static bool Is(ReadOnlySpan<byte> argument, string word)
    {
        if (argument.Length != word.Length)
        {
            return false;
        }

        for (int i = 0; i < word.Length; i++)
        {
            if ((argument[i] | 0x20) != (word[i] | 0x20) && argument[i] != word[i])
            {
                return false;
            }
        }

        return true;
    }
}
