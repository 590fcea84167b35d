using DemiKV.Server;

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

    /// <summary>Like <see cref="TryGet{T}"/>, and counts a keyspace hit or miss for INFO.</summary>
    public static bool TryRead<T>(ClientSession client, ReadOnlySpan<byte> key, out T? value)
        where T : class
    {
        bool ok = TryGet(client, key, out value);
        if (ok)
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

        return ok;
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
