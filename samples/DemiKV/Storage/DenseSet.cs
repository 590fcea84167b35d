using System.Runtime.InteropServices;

namespace DemiKV.Storage;

/// <summary>
/// A set of byte strings kept in a dense array beside a hash index: O(1) add, remove (by swapping the last member
/// into the hole), membership and random member. Redis sets and the list of keys with a TTL use it.
/// </summary>
public sealed class DenseSet
{
    private readonly Dictionary<byte[], int> index = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> lookup;
    private readonly List<byte[]> members = [];

    /// <summary>Creates an empty set.</summary>
    public DenseSet() => lookup = index.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>How many members.</summary>
    public int Count => members.Count;

    /// <summary>Member at dense position <paramref name="position"/> (0 ≤ position &lt; Count).</summary>
    public byte[] this[int position] => members[position];

    /// <summary>True if <paramref name="member"/> is in the set.</summary>
    public bool Contains(ReadOnlySpan<byte> member) => lookup.ContainsKey(member);

    /// <summary>Adds a member; false if it was already there.</summary>
    public bool Add(ReadOnlySpan<byte> member)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, member, out bool exists);
        if (exists)
        {
            return false;
        }

        slot = members.Count;
        lookup.TryGetValue(member, out byte[]? stored, out _);
        members.Add(stored!);
        return true;
    }

    /// <summary>Removes a member; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (!lookup.Remove(member, out _, out int position))
        {
            return false;
        }

        RemoveAt(position);
        return true;
    }

    /// <summary>Removes and returns the member at <paramref name="position"/>.</summary>
    public byte[] RemoveAtPosition(int position)
    {
        byte[] member = members[position];
        index.Remove(member);
        RemoveAt(position);
        return member;
    }

    /// <summary>Removes every member.</summary>
    public void Clear()
    {
        index.Clear();
        members.Clear();
    }

    private void RemoveAt(int position)
    {
        int last = members.Count - 1;
        if (position != last)
        {
            byte[] moved = members[last];
            members[position] = moved;
            index[moved] = position;
        }

        members.RemoveAt(last);
    }
}
