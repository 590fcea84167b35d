using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>INCR, DECR, INCRBY, DECRBY: integers stored as decimal strings, with Redis's overflow errors.</summary>
internal static class CounterCommands
{
    public static void Incr(ClientSession client, Arguments args) => Add(client, args[1], 1);

    public static void Decr(ClientSession client, Arguments args) => Add(client, args[1], -1);

    public static void IncrBy(ClientSession client, Arguments args)
    {
        if (TryInteger(client, args[2], out long increment))
        {
            Add(client, args[1], increment);
        }
    }

    public static void DecrBy(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[2], out long decrement))
        {
            return;
        }

        if (decrement == long.MinValue)
        {
            client.Writer.Error("ERR decrement would overflow");
            return;
        }

        Add(client, args[1], -decrement);
    }

    private static void Add(ClientSession client, ReadOnlySpan<byte> key, long increment)
    {
        if (!TryGetString(client, key, out object? stored))
        {
            return;
        }

        long current = 0;
        if (stored is not null && !TryParseStored(stored, out current))
        {
            client.Writer.Error(ErrorReplies.NotInteger);
            return;
        }

        if ((increment < 0 && current < 0 && increment < long.MinValue - current) ||
            (increment > 0 && current > 0 && increment > long.MaxValue - current))
        {
            client.Writer.Error(ErrorReplies.Overflow);
            return;
        }

        long result = current + increment;
        Span<byte> digits = stackalloc byte[20];
        client.Database.SetKeepTtl(key, digits[..RespNumber.Format(result, digits)].ToArray());
        client.Writer.Integer(result);
    }

    // A string of either form; an integer is at most 20 characters, so a longer value is not one (as in Redis).
    private static bool TryParseStored(object stored, out long value)
    {
        value = 0;
        int length = StringValue.Length(stored);
        if (length > 20)
        {
            return false;
        }

        Span<byte> text = stackalloc byte[length];
        StringValue.CopyTo(stored, text);
        return RespNumber.TryParseInt64(text, out value);
    }
}
