using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>Set commands: SADD, SREM, SMEMBERS, SISMEMBER, SCARD, SPOP. An emptied set's key is deleted.</summary>
internal static class SetCommands
{
    public static void SAdd(ClientSession client, Arguments args)
    {
        if (!TryGet(client, args[1], out DenseSet? set))
        {
            return;
        }

        if (set is null)
        {
            set = new DenseSet();
            client.Database.Set(args[1], set);
        }

        if (args.Count > 3)
        {
            set.Reserve(PackedRoom.Of(args, 2));
        }

        long added = 0;
        for (int i = 2; i < args.Count; i++)
        {
            added += set.Add(args[i]) ? 1 : 0;
        }

        client.Writer.Integer(added);
    }

    public static void SRem(ClientSession client, Arguments args)
    {
        if (!TryGet(client, args[1], out DenseSet? set))
        {
            return;
        }

        long removed = 0;
        if (set is not null)
        {
            for (int i = 2; i < args.Count; i++)
            {
                removed += set.Remove(args[i]) ? 1 : 0;
            }

            if (set.Count == 0)
            {
                client.Database.Remove(args[1], client.NowMs);
            }
        }

        client.Writer.Integer(removed);
    }

    public static void SMembers(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out DenseSet? set))
        {
            return;
        }

        client.Writer.ArrayHeader(set?.Count ?? 0);
        if (set is not null)
        {
            foreach (ReadOnlySpan<byte> member in set)
            {
                client.Writer.Bulk(member);
            }
        }
    }

    public static void SIsMember(ClientSession client, Arguments args)
    {
        if (TryRead(client, args[1], out DenseSet? set))
        {
            client.Writer.Integer(set is not null && set.Contains(args[2]) ? 1 : 0);
        }
    }

    public static void SCard(ClientSession client, Arguments args)
    {
        if (TryGet(client, args[1], out DenseSet? set))
        {
            client.Writer.Integer(set?.Count ?? 0);
        }
    }

    public static void SPop(ClientSession client, Arguments args)
    {
        if (args.Count > 3)
        {
            client.Writer.Error(ErrorReplies.Syntax);
            return;
        }

        long count = 1;
        bool hasCount = args.Count == 3;
        if (hasCount && !TryPositiveCount(client, args[2], out count))
        {
            return;
        }

        if (!TryGet(client, args[1], out DenseSet? set))
        {
            return;
        }

        if (!hasCount)
        {
            if (set is null)
            {
                client.Writer.NullBulk();
                return;
            }

            PopRandom(client, set);
        }
        else
        {
            long n = Math.Min(count, set?.Count ?? 0);
            client.Writer.ArrayHeader(n);
            for (long i = 0; i < n; i++)
            {
                PopRandom(client, set!);
            }
        }

        if (set is not null && set.Count == 0)
        {
            client.Database.Remove(args[1], client.NowMs);
        }
    }

    // Replies with a random member (copying it into the reply) and removes it.
    private static void PopRandom(ClientSession client, DenseSet set)
    {
        int position = client.Store.Random.Next(set.Count);
        client.Writer.Bulk(set[position]);
        set.RemoveAt(position);
    }
}
