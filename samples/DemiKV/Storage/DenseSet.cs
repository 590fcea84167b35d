namespace DemiKV.Storage;

/// <summary>
/// A Redis set. Up to <see cref="SmallLimit"/> members, none longer than <see cref="SmallValueLimit"/> bytes, it is
/// one packed array (<see cref="PackedEntries"/>) searched in order, as Redis 7.2 keeps small sets in a listpack: a
/// few dozen bytes for a set of three, where a hash table costs more than its members. Past either limit, the members
/// move once into the keys of a <see cref="KeyTable"/> (dense positions, bytes in its arena, an index resized
/// incrementally): O(1) add, remove (by swapping the last member into the hole), membership and random member, so a
/// set of millions grows without stopping the server.
/// </summary>
public sealed class DenseSet
{
    /// <summary>The most members kept packed (Redis's default <c>set-max-listpack-entries</c>).</summary>
    public const int SmallLimit = 128;

    /// <summary>The longest member kept packed (Redis's default <c>set-max-listpack-value</c>).</summary>
    public const int SmallValueLimit = 64;

    // The largest packed array the limits allow (8,324 bytes).
    private const int MaxSmallBytes = PackedEntries.HeaderBytes + (SmallLimit * (1 + SmallValueLimit));

    // Every member's value in the table: a set stores no values.
    private static readonly object Present = new();

    // One field for either form, so the object is a header and a reference: null (empty), the packed byte[], or
    // the KeyTable.
    private object? items;

    /// <summary>How many members.</summary>
    public int Count => items switch
    {
        KeyTable table => table.Count,
        byte[] packed => PackedEntries.Count(packed),
        _ => 0,
    };

    /// <summary>True while the set is in its packed form.</summary>
    public bool IsPacked => items is not KeyTable;

    /// <summary>
    /// The member at position <paramref name="position"/> (0 ≤ position &lt; Count), valid until the set changes
    /// (in the packed form, found by walking the members before it).
    /// </summary>
    public ReadOnlySpan<byte> this[int position] => items switch
    {
        KeyTable table => table.KeyAt(position),
        byte[] packed => PackedEntries.Read(packed, PackedEntries.OffsetOf(packed, position)),
        _ => throw new ArgumentOutOfRangeException(nameof(position)),
    };

    /// <summary>The members in position order, valid until the set changes.</summary>
    public Enumerator GetEnumerator() => new(items);

    /// <summary>True if <paramref name="member"/> is in the set.</summary>
    public bool Contains(ReadOnlySpan<byte> member) => items switch
    {
        KeyTable table => table.Find(member) >= 0,
        byte[] packed => PackedEntries.Find(packed, member, 1) >= 0,
        _ => false,
    };

    /// <summary>
    /// Makes room in the packed form for <paramref name="bytes"/> more bytes of members
    /// (<see cref="PackedEntries.EncodedLength"/> of each), so a command that adds several members grows the array
    /// once. Does nothing in the large form or past the packed form's limits.
    /// </summary>
    public void Reserve(int bytes)
    {
        if (items is not KeyTable && PackedEntries.UsedOrEmpty((byte[]?)items) + bytes <= MaxSmallBytes)
        {
            items = PackedEntries.WithRoom((byte[]?)items, bytes);
        }
    }

    /// <summary>Adds a member; false if it was already there.</summary>
    public bool Add(ReadOnlySpan<byte> member)
    {
        if (items is not KeyTable)
        {
            byte[]? packed = (byte[]?)items;
            if (packed is not null && PackedEntries.Find(packed, member, 1) >= 0)
            {
                return false;
            }

            if (member.Length <= SmallValueLimit && Count < SmallLimit)
            {
                packed = PackedEntries.WithRoom(packed, PackedEntries.EncodedLength(member.Length));
                PackedEntries.Append(ref packed, member);
                items = packed;
                return true;
            }

            items = ToTable();
        }

        KeyTable table = (KeyTable)items;
        if (table.Find(member, out int hash) >= 0)
        {
            return false;
        }

        table.Add(member, hash, Present);
        return true;
    }

    /// <summary>Removes a member; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        switch (items)
        {
            case KeyTable table:
                return table.Remove(member);
            case byte[] packed:
                bool removed = PackedEntries.Remove(ref packed, member, 1);
                items = packed;
                return removed;
            default:
                return false;
        }
    }

    /// <summary>
    /// Removes the member at <paramref name="position"/>. In the packed form its followers move up; in the table the
    /// last member moves into the hole.
    /// </summary>
    public void RemoveAt(int position)
    {
        switch (items)
        {
            case KeyTable table:
                table.RemoveAt(position);
                break;
            case byte[] packed:
                PackedEntries.Remove(ref packed, PackedEntries.OffsetOf(packed, position), 1);
                items = packed;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(position));
        }
    }

    /// <summary>Removes every member.</summary>
    public void Clear() => items = null;

    // Once, when the packed form would pass a limit: the positions stay as they were.
    private KeyTable ToTable()
    {
        KeyTable table = new();
        foreach (ReadOnlySpan<byte> member in this)
        {
            table.Find(member, out int hash);
            table.Add(member, hash, Present);
        }

        return table;
    }

    /// <summary>Walks a set's members in position order.</summary>
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

        /// <summary>The current member.</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>Steps to the next member; false past the last.</summary>
        public bool MoveNext()
        {
            if (table is not null)
            {
                if (next >= table.Count)
                {
                    return false;
                }

                Current = table.KeyAt(next++);
                return true;
            }

            if (packed is null || next >= PackedEntries.Used(packed))
            {
                return false;
            }

            Current = PackedEntries.Read(packed, next, out next);
            return true;
        }
    }
}
