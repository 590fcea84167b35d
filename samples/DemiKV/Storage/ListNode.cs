using DemiKV.Protocol;

namespace DemiKV.Storage;

/// <summary>
/// A run of list elements packed into one byte array, like a Redis quicklist node, each stored as the RESP bulk
/// string that answers with it (<c>$3\r\nabc\r\n</c>): LRANGE copies a node's share of the range out in one piece,
/// and LPOP, RPOP and LINDEX reply with an element's bytes as they lie. Redis re-encodes every element of a range
/// into the reply; the framing costs a few bytes per element here instead.
/// </summary>
/// <remarks>
/// The elements lie end to end, in the list's order, between <c>data[bounds[first]]</c> and <c>data[bounds[end]]</c>;
/// element i spans <c>bounds[first + i]</c>..<c>bounds[first + i + 1]</c>. A node takes new elements at one end
/// only — its tail if RPUSH made it, its head if LPUSH made it (<see cref="GrowsAtHead"/>: its free room is kept
/// before its elements) — and gives them up at either end.
/// </remarks>
internal sealed class ListNode
{
    /// <summary>A node stops taking elements beyond this many stored bytes (Redis's default node size, list-max-listpack-size -2)…</summary>
    public const int MaxBytes = 8 * 1024;

    /// <summary>…or this many elements.</summary>
    public const int MaxEntries = 256;

    private byte[] data;
    private int[] bounds;
    private int first;
    private int end;

    /// <summary>
    /// A node for a first element of <paramref name="firstLength"/> bytes. Given the full node it follows (filled at
    /// the same end), it starts with that node's size (at most a node's limit), so a list that keeps growing allocates each node once instead
    /// of growing it by doubling.
    /// </summary>
    public ListNode(bool growsAtHead, int firstLength, ListNode? full = null)
    {
        GrowsAtHead = growsAtHead;
        int firstBytes = EncodedLength(firstLength);
        data = new byte[Math.Max(firstBytes, full is null ? 64 : Math.Min(MaxBytes, full.bounds[full.end] - full.bounds[full.first]))];
        bounds = new int[Math.Max(2, full is null ? 9 : full.Count + 1)];
        first = end = growsAtHead ? bounds.Length - 1 : 0;
        bounds[first] = growsAtHead ? data.Length : 0;
    }

    /// <summary>True when the node takes new elements at the list's head end, false at its tail end.</summary>
    public bool GrowsAtHead { get; }

    /// <summary>Live elements in the node.</summary>
    public int Count => end - first;

    /// <summary>Element <paramref name="index"/> (0 ≤ index &lt; Count) as its RESP bulk string.</summary>
    public ReadOnlySpan<byte> this[int index] => Run(index, 1);

    /// <summary>True if an element of <paramref name="length"/> bytes fits. An empty node takes an element of any size.</summary>
    public bool HasRoomFor(int length) =>
        end == first || (Count < MaxEntries && bounds[end] - bounds[first] + EncodedLength(length) <= MaxBytes);

    /// <summary>The RESP bulk strings of elements <paramref name="index"/>..<paramref name="index"/> + <paramref name="count"/> - 1, end to end.</summary>
    public ReadOnlySpan<byte> Run(int index, int count) =>
        data.AsSpan(bounds[first + index], bounds[first + index + count] - bounds[first + index]);

    /// <summary>Adds an element at the node's growing end (the list's head if <see cref="GrowsAtHead"/>, else its tail).</summary>
    public void Add(ReadOnlySpan<byte> value)
    {
        int length = EncodedLength(value.Length);
        if (GrowsAtHead)
        {
            if (first == 0 || bounds[first] < length)
            {
                Repack(length);
            }

            int start = bounds[first] - length;
            Encode(value, data.AsSpan(start, length));
            bounds[--first] = start;
        }
        else
        {
            if (end == bounds.Length - 1 || data.Length - bounds[end] < length)
            {
                Repack(length);
            }

            Encode(value, data.AsSpan(bounds[end], length));
            bounds[end + 1] = bounds[end] + length;
            end++;
        }
    }

    /// <summary>Removes the element at the list's head end of this node; its bytes stay readable until the node next changes.</summary>
    public ReadOnlySpan<byte> RemoveFirst()
    {
        ReadOnlySpan<byte> element = this[0];
        first++;
        return element;
    }

    /// <summary>Removes the element at the list's tail end of this node; its bytes stay readable until the node next changes.</summary>
    public ReadOnlySpan<byte> RemoveLast()
    {
        ReadOnlySpan<byte> element = this[Count - 1];
        end--;
        return element;
    }

    /// <summary>The stored size of a value of <paramref name="length"/> bytes: <c>$</c>, its length in decimal, CRLF, the value, CRLF.</summary>
    private static int EncodedLength(int length) => 1 + DecimalDigits(length) + 2 + length + 2;

    private static int DecimalDigits(int value)
    {
        int digits = 1;
        for (; value >= 10; value /= 10)
        {
            digits++;
        }

        return digits;
    }

    private static void Encode(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        destination[0] = (byte)'$';
        int n = 1 + RespNumber.Format(value.Length, destination[1..]);
        destination[n++] = (byte)'\r';
        destination[n++] = (byte)'\n';
        value.CopyTo(destination[n..]);
        destination[^2] = (byte)'\r';
        destination[^1] = (byte)'\n';
    }

    // New arrays with room for one more element of `length` stored bytes (doubling up to the node's limits), the live
    // elements moved to the end the node grows away from; space freed by pops at either end is taken back.
    private void Repack(int length)
    {
        int live = bounds[end] - bounds[first];
        byte[] newData = new byte[Math.Max(live + length, Math.Min(data.Length * 2, MaxBytes))];
        int[] newBounds = new int[Math.Max(Count + 2, Math.Min(bounds.Length * 2, MaxEntries + 1))];
        int dataAt = GrowsAtHead ? newData.Length - live : 0;
        int boundsAt = GrowsAtHead ? newBounds.Length - 1 - Count : 0;
        data.AsSpan(bounds[first], live).CopyTo(newData.AsSpan(dataAt));
        int shift = dataAt - bounds[first];
        for (int i = 0; i <= Count; i++)
        {
            newBounds[boundsAt + i] = bounds[first + i] + shift;
        }

        end = boundsAt + Count;
        first = boundsAt;
        data = newData;
        bounds = newBounds;
    }
}
