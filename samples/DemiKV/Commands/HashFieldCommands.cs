using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>Hash commands on fields or values alone: HKEYS, HVALS, HSETNX, HSTRLEN.</summary>
internal static class HashFieldCommands
{
    public static void HKeys(ClientSession client, Arguments args) => WriteHalf(client, args, fields: true);

    public static void HVals(ClientSession client, Arguments args) => WriteHalf(client, args, fields: false);

    public static void HSetNx(ClientSession client, Arguments args)
    {
        if (!TryGet(client, args[1], out RedisHash? hash))
        {
            return;
        }

        if (hash is not null && hash.Contains(args[2]))
        {
            client.Writer.Integer(0);
            return;
        }

        if (hash is null)
        {
            hash = new RedisHash();
            client.Database.Set(args[1], hash);
        }

        hash.Set(args[2], args[3]);
        client.Writer.Integer(1);
    }

    public static void HStrLen(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out RedisHash? hash))
        {
            return;
        }

        client.Writer.Integer(hash is not null && hash.TryGet(args[2], out ReadOnlySpan<byte> value) ? value.Length : 0);
    }

    // Every field (HKEYS) or every value (HVALS), in the order HGETALL gives them.
    private static void WriteHalf(ClientSession client, Arguments args, bool fields)
    {
        if (!TryRead(client, args[1], out RedisHash? hash))
        {
            return;
        }

        client.Writer.ArrayHeader(hash?.Count ?? 0);
        if (hash is not null)
        {
            RedisHash.Enumerator pairs = hash.GetEnumerator();
            while (pairs.MoveNext())
            {
                client.Writer.Bulk(fields ? pairs.Field : pairs.Value);
            }
        }
    }
}
