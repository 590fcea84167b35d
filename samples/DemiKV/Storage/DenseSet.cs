namespace DemiKV.Storage;

/// <summary>
/// A Redis set: byte strings as the keys of a <see cref="KeyTable"/> (dense positions, members' bytes in its arena,
/// an index resized incrementally), so O(1) add, remove (by swapping the last member into the hole), membership and
/// random member, and a set of millions grows without stopping the server.
/// </summary>
public sealed class DenseSet
{
    // Every member's value in the table: a set stores no values.
    private static readonly object Present = new();

    private readonly KeyTable members = new();

    /// <summary>How many members.</summary>
    public int Count => members.Count;

    /// <summary>The member at dense position <paramref name="position"/> (0 ≤ position &lt; Count), valid until the set changes.</summary>
    public ReadOnlySpan<byte> this[int position] => members.KeyAt(position);

    /// <summary>True if <paramref name="member"/> is in the set.</summary>
    public bool Contains(ReadOnlySpan<byte> member) => members.Find(member) >= 0;

    /// <summary>Adds a member; false if it was already there.</summary>
    public bool Add(ReadOnlySpan<byte> member)
    {
        if (members.Find(member, out int hash) >= 0)
        {
            return false;
        }

        members.Add(member, hash, Present);
        return true;
    }

    /// <summary>Removes a member; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        int position = members.Find(member);
        if (position < 0)
        {
            return false;
        }

        members.RemoveAt(position);
        return true;
    }

    /// <summary>Removes the member at <paramref name="position"/>.</summary>
    public void RemoveAt(int position) => members.RemoveAt(position);

    /// <summary>Removes every member.</summary>
    public void Clear() => members.Clear();
}
