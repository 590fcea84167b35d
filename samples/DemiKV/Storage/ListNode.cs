namespace DemiKV.Storage;

/// <summary>
/// A run of list elements packed into one byte array, as Redis packs a quicklist node into a listpack: each element
/// is its length (a <see cref="Varint"/>), its bytes, and a back-length — the size of the length and the bytes, as a
/// varint written in reverse (<see cref="Varint.WriteReversed"/>) — so the run can be walked from either end. A
/// 3-byte element takes 5 bytes; nothing else is kept per element.
/// </summary>
/// <remarks>
/// The elements lie end to end, in the list's order, in <c>data[start..end]</c>. A node takes new elements at one
/// end only — its tail if RPUSH made it, its head if LPUSH made it (<see cref="GrowsAtHead"/>: its free room is kept
/// before its elements) — and gives them up at either end, the far one found by its back-length. Element i is found
/// by walking from the nearer end, at most 128 steps (Redis walks its listpacks the same way).
/// </remarks>
internal sealed class ListNode
{
    /// <summary>A node stops taking elements beyond this many stored bytes (Redis's default node size, list-max-listpack-size -2)…</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>…or this many elements.</summary>
    public const int MaxEntries = 256;

    // A list's first node starts this small (most lists in a keyspace are short) and grows by half.
    private const int FirstBytes = 32;

    private byte[] data;
    private int start;
    private int end;

    /// <summary>
    /// A node for a first element of <paramref name="firstLength"/> bytes. Given the full node it follows (filled at
    /// the same end), it starts with that node's stored bytes (at most a node's limit), so a list that keeps growing
    /// allocates each node once, with no room to spare if its elements are alike, instead of growing it by half. A
    /// node full with one oversized element says nothing about the elements to come: the new node starts small.
    /// </summary>
    public ListNode(bool growsAtHead, int firstLength, ListNode? full = null)
    {
        GrowsAtHead = growsAtHead;
        int bytes = full is null || full.Count < 2 ? FirstBytes : Math.Min(MaxBytes, full.Bytes);
        data = Allocate(Math.Max(EncodedLength(firstLength), bytes));
        start = end = growsAtHead ? data.Length : 0;
    }

    /// <summary>True when the node takes new elements at the list's head end, false at its tail end.</summary>
    public bool GrowsAtHead { get; }

    /// <summary>Live elements in the node.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes its elements take, framing included.</summary>
    public int Bytes => end - start;

    /// <summary>The array's length: <see cref="Bytes"/> plus the room to spare.</summary>
    public int Capacity => data.Length;

    /// <summary>The offset of the first element, for <see cref="Read"/>.</summary>
    public int Start => start;

    /// <summary>Element <paramref name="index"/> (0 ≤ index &lt; Count), valid until the node changes.</summary>
    public ReadOnlySpan<byte> this[int index] => Read(OffsetOf(index), out _);

    /// <summary>The stored size of an element of <paramref name="length"/> bytes: length, bytes and back-length.</summary>
    public static int EncodedLength(int length)
    {
        int entry = Varint.Length(length) + length;
        return entry + Varint.Length(entry);
    }

    /// <summary>True if an element of <paramref name="length"/> bytes fits. An empty node takes an element of any size.</summary>
    public bool HasRoomFor(int length) =>
        Count == 0 || (Count < MaxEntries && Bytes + EncodedLength(length) <= MaxBytes);

    /// <summary>The offset of element <paramref name="index"/> (0 ≤ index &lt; Count), walking from the nearer end.</summary>
    public int OffsetOf(int index)
    {
        int offset;
        if (index <= Count / 2)
        {
            offset = start;
            for (int i = 0; i < index; i++)
            {
                offset = Skip(offset);
            }
        }
        else
        {
            offset = end;
            for (int i = Count; i > index; i--)
            {
                offset = OffsetBefore(offset);
            }
        }

        return offset;
    }

    /// <summary>The element at <paramref name="offset"/> (valid until the node changes); <paramref name="next"/> is the offset of the one after it.</summary>
    public ReadOnlySpan<byte> Read(int offset, out int next)
    {
        int bytes = Varint.Read(data, offset, out int length);
        int entry = bytes + length - offset;
        next = bytes + length + Varint.Length(entry);
        return new ReadOnlySpan<byte>(data, bytes, length);
    }

    /// <summary>Adds an element at the node's growing end (the list's head if <see cref="GrowsAtHead"/>, else its tail).</summary>
    public void Add(ReadOnlySpan<byte> value)
    {
        int length = EncodedLength(value.Length);
        if (GrowsAtHead)
        {
            if (start < length)
            {
                MakeRoom(length);
            }

            start -= length;
            Write(start, value);
        }
        else
        {
            if (data.Length - end < length)
            {
                MakeRoom(length);
            }

            end = Write(end, value);
        }

        Count++;
    }

    /// <summary>Removes the element at the list's head end of this node; its bytes stay readable until the node next changes.</summary>
    public ReadOnlySpan<byte> RemoveFirst()
    {
        ReadOnlySpan<byte> element = Read(start, out start);
        Count--;
        return element;
    }

    /// <summary>Removes the element at the list's tail end of this node; its bytes stay readable until the node next changes.</summary>
    public ReadOnlySpan<byte> RemoveLast()
    {
        end = OffsetBefore(end);
        Count--;
        return Read(end, out _);
    }

    /// <summary>
    /// Writes <paramref name="value"/> over the element at <paramref name="offset"/> (LSET). The elements after it
    /// move if the sizes differ, or those before it when only the head end has room; a new array is taken when
    /// neither end has.
    /// </summary>
    public void Replace(int offset, ReadOnlySpan<byte> value)
    {
        Read(offset, out int next);
        int delta = EncodedLength(value.Length) - (next - offset);
        if (end + delta <= data.Length)
        {
            data.AsSpan(next, end - next).CopyTo(data.AsSpan(next + delta));
            end += delta;
        }
        else if (start - delta >= 0)
        {
            data.AsSpan(start, offset - start).CopyTo(data.AsSpan(start - delta));
            start -= delta;
            offset -= delta;
        }
        else
        {
            int live = Bytes + delta;
            byte[] target = Allocate(live);
            int at = GrowsAtHead ? target.Length - live : 0;
            data.AsSpan(start, offset - start).CopyTo(target.AsSpan(at));
            data.AsSpan(next, end - next).CopyTo(target.AsSpan(at + (offset - start) + (next - offset) + delta));
            offset = at + (offset - start);
            data = target;
            start = at;
            end = at + live;
        }

        Write(offset, value);
    }

    /// <summary>
    /// Removes the element at <paramref name="offset"/> (LREM), closing the gap from the node's fixed end so its
    /// free room stays at its growing end. Returns the offset where the element after it now starts (which is
    /// also where the one before it now ends).
    /// </summary>
    public int RemoveAt(int offset)
    {
        Read(offset, out int next);
        int length = next - offset;
        Count--;
        if (GrowsAtHead)
        {
            data.AsSpan(start, offset - start).CopyTo(data.AsSpan(start + length));
            start += length;
            return next;
        }

        data.AsSpan(next, end - next).CopyTo(data.AsSpan(offset));
        end -= length;
        return offset;
    }

    /// <summary>The offset of the element that ends at <paramref name="offset"/>, for walking toward the head.</summary>
    public int OffsetBefore(int offset)
    {
        int backLength = Varint.ReadBackward(data, offset, out int entry);
        return backLength - entry;
    }

    /// <summary>The offset just past the last element, for walking toward the head.</summary>
    public int End => end;

    // Pinned, as TenuredBytes and PackedEntries allocate: a node is the long-lived store of up to 256 elements (a
    // list of millions is thousands of them), which young collections would otherwise copy twice each, stopping the
    // server while a list is loaded. Nodes of a list used as a queue are dropped after their elements pass through
    // (one array per 256 pushes at most, none between); they wait for the next full collection, as an overwritten
    // value does.
    private static byte[] Allocate(int bytes) => TenuredBytes.Allocate(bytes);

    // The offset of the element after the one at `offset`.
    private int Skip(int offset)
    {
        Read(offset, out int next);
        return next;
    }

    // Writes `value` framed at `offset`; returns the offset just past it.
    private int Write(int offset, ReadOnlySpan<byte> value)
    {
        int bytes = Varint.Write(data, offset, value.Length);
        value.CopyTo(data.AsSpan(bytes));
        return Varint.WriteReversed(data, bytes + value.Length, bytes + value.Length - offset);
    }

    // Room for `length` more stored bytes at the growing end: the free room a pop left at the other end is taken
    // back by moving the elements within the array if that is enough, else they move to a new array half as large
    // again (up to the node's limit, or the one oversized element it holds).
    private void MakeRoom(int length)
    {
        int live = Bytes;
        byte[] target = live + length <= data.Length
            ? data
            : Allocate(Math.Max(live + length, Math.Min(MaxBytes, data.Length + (data.Length / 2))));
        int at = GrowsAtHead ? target.Length - live : 0;
        data.AsSpan(start, live).CopyTo(target.AsSpan(at));
        data = target;
        start = at;
        end = at + live;
    }
}
