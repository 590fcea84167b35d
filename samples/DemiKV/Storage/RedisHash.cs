namespace DemiKV.Storage;

/// <summary>
/// A Redis hash: fields to values, searchable by span. Up to <see cref="SmallLimit"/> fields it is a short array
/// searched in order, whose order is Redis's for a small hash (a listpack: new fields at the end, a deleted one's
/// followers move up); past that, the fields move once into the keys of a <see cref="KeyTable"/> (values in its
/// entries, bytes in its arena, an index resized incrementally), so a hash of millions of fields grows without
/// stopping the server. There, as in Redis's hash table, the order is the table's own.
/// </summary>
public sealed class RedisHash
{
    /// <summary>The most fields kept in the short array.</summary>
    public const int SmallLimit = 16;

    private readonly List<(byte[] Field, byte[] Value)> small = [];
    private KeyTable? large;

    /// <summary>How many fields.</summary>
    public int Count => large?.Count ?? small.Count;

    /// <summary>The field at position <paramref name="position"/> (0 ≤ position &lt; Count), valid until the hash changes.</summary>
    public ReadOnlySpan<byte> FieldAt(int position) => large is null ? small[position].Field : large.KeyAt(position);

    /// <summary>The value at position <paramref name="position"/> (0 ≤ position &lt; Count).</summary>
    public byte[] ValueAt(int position) => large is null ? small[position].Value : (byte[])large.ValueAt(position);

    /// <summary>The value of <paramref name="field"/>, or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> field)
    {
        int position = IndexOf(field);
        return position < 0 ? null : ValueAt(position);
    }

    /// <summary>
    /// Sets a field to a copy of <paramref name="value"/>; true if it is new. A value of the same length as the one
    /// stored is written over it in place (replies copy values out at once, and no array is shared), so overwriting
    /// a field allocates nothing.
    /// </summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (large is null)
        {
            int index = SmallIndexOf(field);
            if (index >= 0)
            {
                small[index] = (small[index].Field, Overwrite(small[index].Value, value));
                return false;
            }

            if (small.Count < SmallLimit)
            {
                small.Add((TenuredBytes.Copy(field), TenuredBytes.Copy(value)));
                return true;
            }

            MoveToTable();
        }

        int position = large!.Find(field, out int hash);
        if (position >= 0)
        {
            ref object stored = ref large.ValueAt(position);
            stored = Overwrite((byte[])stored, value);
            return false;
        }

        large.Add(field, hash, TenuredBytes.Copy(value));
        return true;
    }

    /// <summary>Deletes a field; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> field)
    {
        int position = IndexOf(field);
        if (position < 0)
        {
            return false;
        }

        if (large is null)
        {
            small.RemoveAt(position);
        }
        else
        {
            large.RemoveAt(position);
        }

        return true;
    }

    // The stored array written over when the lengths match, else a new copy.
    private static byte[] Overwrite(byte[] stored, ReadOnlySpan<byte> value)
    {
        if (stored.Length != value.Length)
        {
            return TenuredBytes.Copy(value);
        }

        value.CopyTo(stored);
        return stored;
    }

    private int IndexOf(ReadOnlySpan<byte> field) => large is null ? SmallIndexOf(field) : large.Find(field);

    private int SmallIndexOf(ReadOnlySpan<byte> field)
    {
        for (int i = 0; i < small.Count; i++)
        {
            if (field.SequenceEqual(small[i].Field))
            {
                return i;
            }
        }

        return -1;
    }

    // Once, at the first field past the limit: the positions stay as they were.
    private void MoveToTable()
    {
        KeyTable table = new();
        foreach ((byte[] field, byte[] value) in small)
        {
            table.Find(field, out int hash);
            table.Add(field, hash, value);
        }

        small.Clear();
        small.Capacity = 0;
        large = table;
    }
}
