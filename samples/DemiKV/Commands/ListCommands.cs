using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>List commands: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LRANGE, LLEN, LINDEX. An emptied list's key is deleted.</summary>
internal static class ListCommands
{
    public static void LPush(ClientSession client, Arguments args) => Push(client, args, head: true);

    public static void RPush(ClientSession client, Arguments args) => Push(client, args, head: false);

    public static void LPushX(ClientSession client, Arguments args) => Push(client, args, head: true, onlyIfExists: true);

    public static void RPushX(ClientSession client, Arguments args) => Push(client, args, head: false, onlyIfExists: true);

    public static void LPop(ClientSession client, Arguments args) => Pop(client, args, head: true);

    public static void RPop(ClientSession client, Arguments args) => Pop(client, args, head: false);

    public static void LLen(ClientSession client, Arguments args)
    {
        if (TryGet(client, args[1], out RedisList? list))
        {
            client.Writer.Integer(list?.Count ?? 0);
        }
    }

    public static void LIndex(ClientSession client, Arguments args)
    {
        // Redis looks the key up before it parses the index: a missing key answers nil even for a bad index.
        if (!TryRead(client, args[1], out RedisList? list))
        {
            return;
        }

        if (list is null)
        {
            client.Writer.NullBulk();
            return;
        }

        if (!TryInteger(client, args[2], out long index))
        {
            return;
        }

        int position = list.PositionOf(index);
        if (position < 0)
        {
            client.Writer.NullBulk();
            return;
        }

        client.Writer.Bulk(list[position]);
    }

    public static void LRange(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[2], out long start) || !TryInteger(client, args[3], out long stop) ||
            !TryRead(client, args[1], out RedisList? list))
        {
            return;
        }

        int length = list?.Count ?? 0;
        if (start < 0)
        {
            start = Math.Max(0, start + length);
        }

        if (stop < 0)
        {
            stop += length;
        }

        if (list is null || start > stop || start >= length)
        {
            client.Writer.ArrayHeader(0);
            return;
        }

        stop = Math.Min(stop, length - 1);
        client.Writer.ArrayHeader(stop - start + 1);
        foreach (ReadOnlySpan<byte> element in list.Range((int)start, (int)(stop - start + 1)))
        {
            client.Writer.Bulk(element);
        }
    }

    // LPUSHX and RPUSHX push only onto a list that exists, answering 0 for a missing key.
    private static void Push(ClientSession client, Arguments args, bool head, bool onlyIfExists = false)
    {
        if (!TryGet(client, args[1], out RedisList? list))
        {
            return;
        }

        if (list is null && onlyIfExists)
        {
            client.Writer.Integer(0);
            return;
        }

        if (list is null)
        {
            list = new RedisList();
            client.Database.Set(args[1], list);
        }

        for (int i = 2; i < args.Count; i++)
        {
            if (head)
            {
                list.PushHead(args[i]);
            }
            else
            {
                list.PushTail(args[i]);
            }
        }

        client.Writer.Integer(list.Count);
    }

    private static void Pop(ClientSession client, Arguments args, bool head)
    {
        if (args.Count > 3)
        {
            client.Writer.Error(ErrorReplies.Arity(head ? "lpop" : "rpop"));
            return;
        }

        long count = 1;
        bool hasCount = args.Count == 3;
        if (hasCount && !TryPositiveCount(client, args[2], out count))
        {
            return;
        }

        if (!TryGet(client, args[1], out RedisList? list))
        {
            return;
        }

        if (list is null)
        {
            if (hasCount)
            {
                client.Writer.NullArray();
            }
            else
            {
                client.Writer.NullBulk();
            }

            return;
        }

        if (!hasCount)
        {
            client.Writer.Bulk(head ? list.PopHead() : list.PopTail());
        }
        else
        {
            long n = Math.Min(count, list.Count);
            client.Writer.ArrayHeader(n);
            for (long i = 0; i < n; i++)
            {
                client.Writer.Bulk(head ? list.PopHead() : list.PopTail());
            }
        }

        if (list.Count == 0)
        {
            client.Database.Remove(args[1], client.NowMs);
        }
    }
}
