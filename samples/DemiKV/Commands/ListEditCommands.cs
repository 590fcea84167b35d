using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>List commands that change elements in place: LSET, LTRIM, LREM. An emptied list's key is deleted.</summary>
internal static class ListEditCommands
{
    public static void LSet(ClientSession client, Arguments args)
    {
        // Redis looks the key up first: a missing key is "no such key" even when the index is not a number.
        if (!TryGet(client, args[1], out RedisList? list))
        {
            return;
        }

        if (list is null)
        {
            client.Writer.Error(ErrorReplies.NoSuchKey);
            return;
        }

        if (!TryInteger(client, args[2], out long index))
        {
            return;
        }

        int position = list.PositionOf(index);
        if (position < 0)
        {
            client.Writer.Error(ErrorReplies.IndexOutOfRange);
            return;
        }

        list.Set(position, args[3]);
        client.Writer.Ok();
    }

    public static void LTrim(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[2], out long start) || !TryInteger(client, args[3], out long stop) ||
            !TryGet(client, args[1], out RedisList? list))
        {
            return;
        }

        if (list is not null)
        {
            int length = list.Count;
            start = start < 0 ? Math.Max(0, start + length) : start;
            stop = stop < 0 ? stop + length : Math.Min(stop, length - 1);
            // A range that keeps nothing deletes the key outright instead of popping every element first.
            if (start > stop || start >= length)
            {
                client.Database.Remove(args[1], client.NowMs);
            }
            else
            {
                list.Trim((int)start, (int)(stop - start + 1));
            }
        }

        client.Writer.Ok();
    }

    public static void LRem(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[2], out long count) || !TryGet(client, args[1], out RedisList? list))
        {
            return;
        }

        int removed = list?.Remove(args[3], count) ?? 0;
        if (list is { Count: 0 })
        {
            client.Database.Remove(args[1], client.NowMs);
        }

        client.Writer.Integer(removed);
    }
}
