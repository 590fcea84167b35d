using System.Buffers.Binary;

namespace DemiKV.Storage;

/// <summary>
/// A list of byte strings packed into one array, as Redis's listpack packs a small hash or set: a 4-byte header
/// (the bytes in use, header included, and the number of entries; 16 bits each, little-endian), then every entry as
/// its length in a varint (<see cref="Varint"/>: one byte up to 127, two up to 16,383, three beyond) followed by its
/// bytes. Entries are found by walking from the first; an appended entry goes at the end; removing entries moves
/// their followers up, so the order is the order of insertion. The array is the whole store of its owner, replaced when it grows or shrinks: methods that may
/// replace it take it by reference. One array of a few dozen bytes, where a list of arrays costs an object per
/// string.
/// </summary>
public static class PackedEntries
{
    /// <summary>The header's bytes: the bytes in use and the entry count.</summary>
    public const int HeaderBytes = 4;

    /// <summary>The most bytes (header included) a packed array may use.</summary>
    public const int MaxBytes = ushort.MaxValue;

    /// <summary>The offset of the first entry.</summary>
    public const int First = HeaderBytes;

    // Arrays below this many bytes are never shrunk (the saving would be a few bytes).
    private const int ShrinkFloor = 64;

    /// <summary>Bytes in use, header included; the offset just past the last entry.</summary>
    public static int Used(byte[] packed) => BinaryPrimitives.ReadUInt16LittleEndian(packed);

    /// <summary>How many entries.</summary>
    public static int Count(byte[] packed) => BinaryPrimitives.ReadUInt16LittleEndian(packed.AsSpan(2));

    /// <summary>The bytes an entry of <paramref name="length"/> bytes takes, its length prefix included.</summary>
    public static int EncodedLength(int length) => Varint.Length(length) + length;

    /// <summary>An empty packed array with room for <paramref name="bytes"/> bytes of entries.</summary>
    public static byte[] Create(int bytes)
    {
        byte[] packed = Allocate(HeaderBytes + bytes);
        SetHeader(packed, HeaderBytes, 0);
        return packed;
    }

    /// <summary>The entry at <paramref name="offset"/> (valid until the array changes); <paramref name="next"/> is the offset of the one after it.</summary>
    public static ReadOnlySpan<byte> Read(byte[] packed, int offset, out int next)
    {
        int start = Varint.Read(packed, offset, out int length);
        next = start + length;
        return new ReadOnlySpan<byte>(packed, start, length);
    }

    /// <summary>The entry at <paramref name="offset"/>, valid until the array changes.</summary>
    public static ReadOnlySpan<byte> Read(byte[] packed, int offset) => Read(packed, offset, out _);

    /// <summary>The offset of the entry after the one at <paramref name="offset"/>.</summary>
    public static int Next(byte[] packed, int offset)
    {
        int start = Varint.Read(packed, offset, out int length);
        return start + length;
    }

    /// <summary>The offset of the entry at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public static int OffsetOf(byte[] packed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count(packed));
        int offset = First;
        for (int i = 0; i < index; i++)
        {
            offset = Next(packed, offset);
        }

        return offset;
    }

    /// <summary>
    /// The offset of the first entry equal to <paramref name="entry"/> among entries 0, <paramref name="stride"/>,
    /// 2 × stride... (stride 2 looks at a hash's fields and steps over its values), or -1.
    /// </summary>
    public static int Find(byte[] packed, ReadOnlySpan<byte> entry, int stride)
    {
        int end = Used(packed);
        int offset = First;
        int wanted = entry.Length;
        while (offset < end)
        {
            // Lengths under 128 (every one in a small hash or set) are read inline: this walk is a lookup's whole cost.
            int length = packed[offset];
            int start = length < 0x80 ? offset + 1 : Varint.Read(packed, offset, out length);

            // The last byte first: names that differ only in a numbered suffix (field:1, field:2...) fail there
            // without the call that compares the whole.
            if (length == wanted && (wanted == 0 || (packed[start + wanted - 1] == entry[wanted - 1] &&
                entry.SequenceEqual(new ReadOnlySpan<byte>(packed, start, wanted)))))
            {
                return offset;
            }

            offset = start + length;
            for (int skip = 1; skip < stride; skip++)
            {
                int skipped = packed[offset];
                offset = skipped < 0x80 ? offset + 1 + skipped : Next(packed, offset);
            }
        }

        return -1;
    }

    /// <summary>
    /// <paramref name="packed"/> (or a new empty array if it is null) with room for <paramref name="bytes"/> more
    /// bytes of entries: the same array if it has the room, else a larger copy.
    /// </summary>
    public static byte[] WithRoom(byte[]? packed, int bytes)
    {
        if (packed is null)
        {
            return Create(bytes);
        }

        int used = Used(packed);
        int needed = used + bytes;
        if (needed <= packed.Length)
        {
            return packed;
        }

        if (needed > MaxBytes)
        {
            throw new InvalidOperationException($"A packed array holds at most {MaxBytes} bytes.");
        }

        // A quarter more than before: amortized growth whose unused tail stays small (the point is memory).
        byte[] grown = Allocate(Math.Max(needed, packed.Length + (packed.Length / 4)));
        packed.AsSpan(0, used).CopyTo(grown);
        return grown;
    }

    /// <summary>The bytes in use of <paramref name="packed"/>, or of an empty array if it is null.</summary>
    public static int UsedOrEmpty(byte[]? packed) => packed is null ? HeaderBytes : Used(packed);

    /// <summary>Appends <paramref name="entry"/> as the last entry.</summary>
    public static void Append(ref byte[] packed, ReadOnlySpan<byte> entry)
    {
        packed = WithRoom(packed, EncodedLength(entry.Length));
        int used = Used(packed);
        int start = Varint.Write(packed, used, entry.Length);
        entry.CopyTo(packed.AsSpan(start));
        SetHeader(packed, start + entry.Length, Count(packed) + 1);
    }

    /// <summary>
    /// Replaces the entry at <paramref name="offset"/> with <paramref name="entry"/>: written over in place when the
    /// lengths match, else its followers move to make the room (or close the gap).
    /// </summary>
    public static void Replace(ref byte[] packed, int offset, ReadOnlySpan<byte> entry)
    {
        int start = Varint.Read(packed, offset, out int length);
        if (length == entry.Length)
        {
            entry.CopyTo(packed.AsSpan(start));
            return;
        }

        int used = Used(packed);
        int oldEnd = start + length;
        int newEnd = offset + EncodedLength(entry.Length);
        if (newEnd > oldEnd)
        {
            packed = WithRoom(packed, newEnd - oldEnd);
        }

        packed.AsSpan(oldEnd, used - oldEnd).CopyTo(packed.AsSpan(newEnd));
        entry.CopyTo(packed.AsSpan(Varint.Write(packed, offset, entry.Length)));
        SetHeader(packed, used + newEnd - oldEnd, Count(packed));
        ShrinkIfSparse(ref packed);
    }

    /// <summary>Removes <paramref name="entries"/> entries from the one at <paramref name="offset"/>; their followers move up.</summary>
    public static void Remove(ref byte[] packed, int offset, int entries)
    {
        int end = offset;
        for (int i = 0; i < entries; i++)
        {
            end = Next(packed, end);
        }

        int used = Used(packed);
        packed.AsSpan(end, used - end).CopyTo(packed.AsSpan(offset));
        SetHeader(packed, used - (end - offset), Count(packed) - entries);
        ShrinkIfSparse(ref packed);
    }

    /// <summary>
    /// Removes the first entry equal to <paramref name="entry"/> among entries 0, <paramref name="stride"/>,
    /// 2 × stride... and the stride - 1 entries after it (a hash field and its value); false if there is none.
    /// </summary>
    public static bool Remove(ref byte[] packed, ReadOnlySpan<byte> entry, int stride)
    {
        int offset = Find(packed, entry, stride);
        if (offset >= 0)
        {
            Remove(ref packed, offset, stride);
        }

        return offset >= 0;
    }

    // Down to the bytes in use once under half the array is: a hash that lost most of its fields gives the memory back.
    private static void ShrinkIfSparse(ref byte[] packed)
    {
        int used = Used(packed);
        if (packed.Length > ShrinkFloor && used < packed.Length / 2)
        {
            byte[] shrunk = Allocate(used);
            packed.AsSpan(0, used).CopyTo(shrunk);
            packed = shrunk;
        }
    }

    // Tenured: the packed array is the long-lived store of a small hash or set (millions of them in a loaded
    // keyspace), which young collections would otherwise copy twice each. The arrays a growth or shrink drops wait
    // for the next full collection, as an overwritten value does; growth is geometric, and commands that add several
    // entries reserve them at once, so there are few of them.
    private static byte[] Allocate(int bytes) => TenuredBytes.Allocate(bytes, MaxBytes);

    private static void SetHeader(byte[] packed, int used, int count)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(packed, (ushort)used);
        BinaryPrimitives.WriteUInt16LittleEndian(packed.AsSpan(2), (ushort)count);
    }
}
