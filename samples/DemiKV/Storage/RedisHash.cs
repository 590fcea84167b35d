namespace DemiKV.Storage;

/// <summary>
/// A Redis hash: fields to values, searchable by span. Up to <see cref="SmallLimit"/> fields, none longer than
/// <see cref="SmallValueLimit"/> bytes nor any value, it is one packed array (<see cref="PackedEntries"/>: field,
/// value, field, value...) searched in order, whose order is Redis's for a small hash (a listpack: new fields at the
/// end, a deleted one's followers move up). Past either limit, the fields move once into the keys of a
/// <see cref="KeyTable"/> (values in its entries, bytes in its arena, an index resized incrementally), so a hash of
/// millions of fields grows without stopping the server. There, as in Redis's hash table, the order is the table's
/// own. Reads return spans, valid until the hash changes, and allocate nothing.
/// </summary>
public sealed class RedisHash
{
    /// <summary>The most fields kept packed (Redis's default <c>hash-max-listpack-entries</c>).</summary>
    public const int SmallLimit = 128;

    /// <summary>The longest field or value kept packed (Redis's default <c>hash-max-listpack-value</c>).</summary>
    public const int SmallValueLimit = 64;

    // The largest packed array the limits allow (16,644 bytes): moving a deleted field's followers up, or a lookup's
    // walk over 256 entries, stays a matter of microseconds.
    private const int MaxSmallBytes = PackedEntries.HeaderBytes + (SmallLimit * 2 * (1 + SmallValueLimit));

    // One field for either form, so the object is a header and a reference: null (empty), the packed byte[], or
    // the KeyTable (values are arrays of their own, on the pinned heap).
    private object? items;

    /// <summary>How many fields.</summary>
    public int Count => items switch
    {
        KeyTable table => table.Count,
        byte[] packed => PackedEntries.Count(packed) / 2,
        _ => 0,
    };

    /// <summary>True while the hash is in its packed form.</summary>
    public bool IsPacked => items is not KeyTable;

    /// <summary>The fields and values in order, valid until the hash changes.</summary>
    public Enumerator GetEnumerator() => new(items);

    /// <summary>True if <paramref name="field"/> is there.</summary>
    public bool Contains(ReadOnlySpan<byte> field) => TryGet(field, out _);

    /// <summary>The value of <paramref name="field"/> (valid until the hash changes); false if there is none.</summary>
    public bool TryGet(ReadOnlySpan<byte> field, out ReadOnlySpan<byte> value)
    {
        switch (items)
        {
            case KeyTable table:
                int position = table.Find(field);
                value = position < 0 ? default : (byte[])table.ValueAt(position);
                return position >= 0;
            case byte[] packed:
                int offset = PackedEntries.Find(packed, field, 2);
                value = offset < 0 ? default : PackedEntries.Read(packed, PackedEntries.Next(packed, offset));
                return offset >= 0;
            default:
                value = default;
                return false;
        }
    }

    /// <summary>
    /// Makes room in the packed form for <paramref name="bytes"/> more bytes of fields and values
    /// (<see cref="PackedEntries.EncodedLength"/> of each), so a command that sets several fields grows the array
    /// once. Does nothing in the large form or past the packed form's limits.
    /// </summary>
    public void Reserve(int bytes)
    {
        if (items is not KeyTable && PackedEntries.UsedOrEmpty((byte[]?)items) + bytes <= MaxSmallBytes)
        {
            items = PackedEntries.WithRoom((byte[]?)items, bytes);
        }
    }

    /// <summary>
    /// Sets a field to a copy of <paramref name="value"/>; true if it is new. A value of the same length as the one
    /// stored is written over it in place (replies copy values out at once, and no array is shared), so overwriting
    /// a field allocates nothing.
    /// </summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (items is not KeyTable)
        {
            if (TrySetPacked(field, value, out bool added))
            {
                return added;
            }

            items = ToTable();
        }

        return SetInTable((KeyTable)items, field, value);
    }

    /// <summary>Deletes a field; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> field)
    {
        switch (items)
        {
            case KeyTable table:
                return table.Remove(field);
            case byte[] packed:
                bool removed = PackedEntries.Remove(ref packed, field, 2);
                items = packed;
                return removed;
            default:
                return false;
        }
    }

    // Sets the field in the packed form; false (and nothing changed) if the result would pass a limit.
    private bool TrySetPacked(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value, out bool added)
    {
        added = false;
        if (value.Length > SmallValueLimit)
        {
            return false;
        }

        byte[]? packed = (byte[]?)items;
        int offset = packed is null ? -1 : PackedEntries.Find(packed, field, 2);
        if (packed is not null && offset >= 0)
        {
            PackedEntries.Replace(ref packed, PackedEntries.Next(packed, offset), value);
        }
        else if (field.Length > SmallValueLimit || Count >= SmallLimit)
        {
            return false;
        }
        else
        {
            packed = PackedEntries.WithRoom(packed, PackedEntries.EncodedLength(field.Length) + PackedEntries.EncodedLength(value.Length));
            PackedEntries.Append(ref packed, field);
            PackedEntries.Append(ref packed, value);
            added = true;
        }

        // Stored only when the array was replaced: an overwrite in place costs no write barrier.
        if (!ReferenceEquals(items, packed))
        {
            items = packed;
        }

        return true;
    }

    private static bool SetInTable(KeyTable table, ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        int position = table.Find(field, out int hash);
        if (position < 0)
        {
            table.Add(field, hash, TenuredBytes.Copy(value));
            return true;
        }

        ref object stored = ref table.ValueAt(position);
        byte[] old = (byte[])stored;
        if (old.Length == value.Length)
        {
            value.CopyTo(old);
        }
        else
        {
            stored = TenuredBytes.Copy(value);
        }

        return false;
    }

    // Once, when the packed form would pass a limit: the positions stay as they were.
    private KeyTable ToTable()
    {
        KeyTable table = new();
        Enumerator pairs = GetEnumerator();
        while (pairs.MoveNext())
        {
            table.Find(pairs.Field, out int hash);
            table.Add(pairs.Field, hash, TenuredBytes.Copy(pairs.Value));
        }

        return table;
    }

    /// <summary>Walks a hash's fields and values in order: <see cref="MoveNext"/>, then <see cref="Field"/> and <see cref="Value"/>.</summary>
    public ref struct Enumerator
    {
        private readonly byte[]? packed;
        private readonly KeyTable? table;
        private int next;

        internal Enumerator(object? items)
        {
            packed = items as byte[];
            table = items as KeyTable;
            next = packed is null ? 0 : PackedEntries.First;
        }

        /// <summary>The current field.</summary>
        public ReadOnlySpan<byte> Field { get; private set; }

        /// <summary>The current value.</summary>
        public ReadOnlySpan<byte> Value { get; private set; }

        /// <summary>Steps to the next field; false past the last.</summary>
        public bool MoveNext()
        {
            if (table is not null)
            {
                if (next >= table.Count)
                {
                    return false;
                }

                Field = table.KeyAt(next);
                Value = (byte[])table.ValueAt(next);
                next++;
                return true;
            }

            if (packed is null || next >= PackedEntries.Used(packed))
            {
                return false;
            }

            Field = PackedEntries.Read(packed, next, out next);
            Value = PackedEntries.Read(packed, next, out next);
            return true;
        }
    }
}
