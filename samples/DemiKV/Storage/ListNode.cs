namespace DemiKV.Storage;

/// <summary>
/// A run of list elements packed into one byte array, like a Redis quicklist node: the bytes of stored entries lie
/// end to end and <c>offsets[i]</c>..<c>offsets[i + 1]</c> bound entry i. Entries are only appended to the storage
/// and removed from either of its ends, so a node grows in one direction: a node filled by tail pushes keeps the
/// list's order, a node filled by head pushes (<see cref="Reversed"/>) keeps it backwards.
/// </summary>
internal sealed class ListNode
{
    /// <summary>A node stops taking elements beyond this many bytes (Redis's default node size, list-max-listpack-size -2)…</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>…or this many elements.</summary>
    public const int MaxEntries = 256;

    private byte[] data;
    private int[] offsets;
    private int first;
    private int end;

    public ListNode(bool reversed, int firstLength)
    {
        Reversed = reversed;
        data = new byte[Math.Max(64, firstLength)];
        offsets = new int[9];
    }

    /// <summary>True when the storage order is the list's order backwards (the node grows towards the list's head).</summary>
    public bool Reversed { get; }

    /// <summary>Live elements in the node.</summary>
    public int Count => end - first;

    /// <summary>Element <paramref name="index"/> in the list's order (0 ≤ index &lt; Count).</summary>
    public ReadOnlySpan<byte> this[int index] => Entry(Reversed ? end - 1 - index : first + index);

    /// <summary>True if an element of <paramref name="length"/> bytes fits. An empty node takes an element of any size.</summary>
    public bool HasRoomFor(int length) =>
        end == first || (end < MaxEntries && offsets[end] + length <= MaxBytes);

    /// <summary>Adds an element at the node's growing end (the list's head if <see cref="Reversed"/>, else its tail).</summary>
    public void Append(ReadOnlySpan<byte> value)
    {
        if (end == first)
        {
            // Empty: start over at the front of the storage.
            first = end = 0;
        }

        int start = offsets[end];
        if (start + value.Length > data.Length)
        {
            Array.Resize(ref data, Math.Max(start + value.Length, Math.Min(data.Length * 2, MaxBytes)));
        }

        if (end + 1 == offsets.Length)
        {
            Array.Resize(ref offsets, Math.Min(offsets.Length * 2, MaxEntries + 1));
        }

        value.CopyTo(data.AsSpan(start));
        offsets[++end] = start + value.Length;
    }

    /// <summary>Removes the element at the list's head end of this node; its bytes stay readable until the node next changes.</summary>
    public ReadOnlySpan<byte> RemoveFirst() => Reversed ? Entry(--end) : Entry(first++);

    /// <summary>Removes the element at the list's tail end of this node; its bytes stay readable until the node next changes.</summary>
    public ReadOnlySpan<byte> RemoveLast() => Reversed ? Entry(first++) : Entry(--end);

    private ReadOnlySpan<byte> Entry(int stored) => data.AsSpan(offsets[stored], offsets[stored + 1] - offsets[stored]);
}
