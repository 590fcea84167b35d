namespace DemiKV.Storage;

/// <summary>A Redis list: a ring-buffer deque of byte strings with O(1) push and pop at both ends and O(1) indexing.</summary>
public sealed class RedisList
{
    private byte[][] items = new byte[8][];
    private int head;

    /// <summary>How many elements.</summary>
    public int Count { get; private set; }

    /// <summary>Element <paramref name="index"/> from the head (0 ≤ index &lt; Count).</summary>
    public byte[] this[int index] => items[(head + index) & (items.Length - 1)];

    /// <summary>Pushes at the head.</summary>
    public void PushHead(byte[] value)
    {
        Grow();
        head = (head - 1) & (items.Length - 1);
        items[head] = value;
        Count++;
    }

    /// <summary>Pushes at the tail.</summary>
    public void PushTail(byte[] value)
    {
        Grow();
        items[(head + Count) & (items.Length - 1)] = value;
        Count++;
    }

    /// <summary>Pops from the head (the list must not be empty).</summary>
    public byte[] PopHead()
    {
        byte[] value = items[head];
        items[head] = null!;
        head = (head + 1) & (items.Length - 1);
        Count--;
        return value;
    }

    /// <summary>Pops from the tail (the list must not be empty).</summary>
    public byte[] PopTail()
    {
        int tail = (head + Count - 1) & (items.Length - 1);
        byte[] value = items[tail];
        items[tail] = null!;
        Count--;
        return value;
    }

    private void Grow()
    {
        if (Count < items.Length)
        {
            return;
        }

        byte[][] larger = new byte[items.Length * 2][];
        for (int i = 0; i < Count; i++)
        {
            larger[i] = this[i];
        }

        items = larger;
        head = 0;
    }
}
