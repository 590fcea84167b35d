namespace DemiKV.Storage;

/// <summary>
/// A Redis set: O(1) add, remove (by swapping the last member into the hole), membership and random member. Up to
/// <see cref="SmallLimit"/> members it is a short array searched in order (as Redis keeps small sets in a listpack:
/// a few hundred bytes for a set of three, where a hash table costs more than its members); past that, the members
/// move once into the keys of a <see cref="KeyTable"/> (dense positions, bytes in its arena, an index resized
/// incrementally), so a set of millions grows without stopping the server.
/// </summary>
public sealed class DenseSet
{
    /// <summary>The most members kept in the short array.</summary>
    public const int SmallLimit = 16;

    // Every member's value in the table: a set stores no values.
    private static readonly object Present = new();

    private readonly List<byte[]> small = [];
    private KeyTable? large;

    /// <summary>How many members.</summary>
    public int Count => large?.Count ?? small.Count;

    /// <summary>The member at dense position <paramref name="position"/> (0 ≤ position &lt; Count), valid until the set changes.</summary>
    public ReadOnlySpan<byte> this[int position] => large is null ? small[position] : large.KeyAt(position);

    /// <summary>True if <paramref name="member"/> is in the set.</summary>
    public bool Contains(ReadOnlySpan<byte> member) => large is null ? SmallIndexOf(member) >= 0 : large.Find(member) >= 0;

    /// <summary>Adds a member; false if it was already there.</summary>
    public bool Add(ReadOnlySpan<byte> member)
    {
        if (large is null)
        {
            if (SmallIndexOf(member) >= 0)
            {
                return false;
            }

            if (small.Count < SmallLimit)
            {
                small.Add(TenuredBytes.Copy(member));
                return true;
            }

            MoveToTable();
        }

        if (large!.Find(member, out int hash) >= 0)
        {
            return false;
        }

        large.Add(member, hash, Present);
        return true;
    }

    /// <summary>Removes a member; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        int position = large is null ? SmallIndexOf(member) : large.Find(member);
        if (position < 0)
        {
            return false;
        }

        RemoveAt(position);
        return true;
    }

    /// <summary>Removes the member at <paramref name="position"/>.</summary>
    public void RemoveAt(int position)
    {
        if (large is not null)
        {
            large.RemoveAt(position);
            return;
        }

        small[position] = small[^1];
        small.RemoveAt(small.Count - 1);
    }

    /// <summary>Removes every member.</summary>
    public void Clear()
    {
        small.Clear();
        large = null;
    }

    private int SmallIndexOf(ReadOnlySpan<byte> member)
    {
        for (int i = 0; i < small.Count; i++)
        {
            if (member.SequenceEqual(small[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // Once, at the first member past the limit: the positions stay as they were.
    private void MoveToTable()
    {
        KeyTable table = new();
        foreach (byte[] member in small)
        {
            table.Find(member, out int hash);
            table.Add(member, hash, Present);
        }

        small.Clear();
        small.Capacity = 0;
        large = table;
    }
}
