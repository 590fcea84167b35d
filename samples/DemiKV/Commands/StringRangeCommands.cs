using System.Buffers;
using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>GETRANGE and SETRANGE: reading and writing part of a string by byte offset.</summary>
internal static class StringRangeCommands
{
    public static void GetRange(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[2], out long start) || !TryInteger(client, args[3], out long end) ||
            !TryReadString(client, args[1], out object? value))
        {
            return;
        }

        long length = value is null ? 0 : StringValue.Length(value);
        if (value is null || (start < 0 && end < 0 && start > end))
        {
            client.Writer.Bulk(ReadOnlySpan<byte>.Empty);
            return;
        }

        // Redis's clamping: negative offsets count from the end, then both are pulled into the string.
        start = Math.Max(0, start < 0 ? start + length : start);
        end = Math.Max(0, end < 0 ? end + length : end);
        end = Math.Min(end, length - 1);
        if (start > end || length == 0)
        {
            client.Writer.Bulk(ReadOnlySpan<byte>.Empty);
            return;
        }

        WriteSlice(client, value, (int)start, (int)(end - start + 1));
    }

    public static void SetRange(ClientSession client, Arguments args)
    {
        if (!TryInteger(client, args[2], out long offset))
        {
            return;
        }

        if (offset < 0)
        {
            client.Writer.Error(ErrorReplies.OffsetOutOfRange);
            return;
        }

        if (!TryGetString(client, args[1], out object? old))
        {
            return;
        }

        ReadOnlySpan<byte> patch = args[3];
        int oldLength = old is null ? 0 : StringValue.Length(old);
        if (patch.Length == 0)
        {
            // Nothing to write: no key is made, and an existing one is left as it is.
            client.Writer.Integer(oldLength);
            return;
        }

        if (offset > client.Store.Limits.MaxBulkLength - patch.Length)
        {
            client.Writer.Error(ErrorReplies.StringTooLong);
            return;
        }

        // A new value (a registered one is never written over: replies in flight may share its bytes); the gap
        // between the old end and the offset is zeros, as Redis pads it.
        int length = (int)Math.Max(oldLength, offset + patch.Length);
        byte[] joined = new byte[length];
        if (old is not null)
        {
            StringValue.CopyTo(old, joined);
        }

        patch.CopyTo(joined.AsSpan((int)offset));
        client.Database.SetStringKeepTtl(args[1], joined);
        client.Writer.Integer(length);
    }

    // Replies with `count` bytes of a string from `start`: straight from an array, or through a pooled buffer
    // for a value in registered memory (which may span several segments).
    private static void WriteSlice(ClientSession client, object value, int start, int count)
    {
        if (value is byte[] bytes)
        {
            client.Writer.Bulk(bytes.AsSpan(start, count));
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(StringValue.Length(value));
        try
        {
            StringValue.CopyTo(value, buffer);
            client.Writer.Bulk(buffer.AsSpan(start, count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
