namespace DemiGen;

/// <summary>
/// Pending delays as a binary min-heap on their deadlines. Each token's position in the heap is kept (by token
/// index), so a cancelled delay leaves the heap at once instead of waiting for its deadline.
/// </summary>
internal sealed class TimerHeap
{
    private Entry[] heap = new Entry[64];

    // Heap position + 1 of the entry of each token index; 0: not in the heap.
    private int[] positions = new int[64];

    internal int Count { get; private set; }

    internal long NextDeadline => Count == 0 ? long.MaxValue : heap[0].Deadline;

    internal void Add(long deadline, QToken token)
    {
        if (Count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        if (token.Index >= positions.Length)
        {
            Array.Resize(ref positions, Math.Max(token.Index + 1, positions.Length * 2));
        }

        SiftUp(Count++, new Entry(deadline, token));
    }

    /// <summary>Removes and returns the earliest timer if it is due at <paramref name="now"/>.</summary>
    internal bool TryPopDue(long now, out QToken token)
    {
        if (Count == 0 || heap[0].Deadline > now)
        {
            token = default;
            return false;
        }

        token = heap[0].Token;
        RemoveAt(0);
        return true;
    }

    /// <summary>Removes the timer of <paramref name="token"/>; false if it has none (it fired, or it never was a timer).</summary>
    internal bool TryRemove(QToken token)
    {
        int position = (uint)token.Index < (uint)positions.Length ? positions[token.Index] - 1 : -1;
        if (position < 0 || heap[position].Token != token)
        {
            return false;
        }

        RemoveAt(position);
        return true;
    }

    private void RemoveAt(int position)
    {
        positions[heap[position].Token.Index] = 0;
        Entry last = heap[--Count];
        if (position == Count)
        {
            return;
        }

        if (position > 0 && last.Deadline < heap[(position - 1) >> 1].Deadline)
        {
            SiftUp(position, last);
        }
        else
        {
            SiftDown(position, last);
        }
    }

    private void SiftUp(int i, Entry entry)
    {
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent].Deadline <= entry.Deadline)
            {
                break;
            }

            Place(i, heap[parent]);
            i = parent;
        }

        Place(i, entry);
    }

    private void SiftDown(int i, Entry entry)
    {
        while (true)
        {
            int child = (i << 1) + 1;
            if (child >= Count)
            {
                break;
            }

            if (child + 1 < Count && heap[child + 1].Deadline < heap[child].Deadline)
            {
                child++;
            }

            if (entry.Deadline <= heap[child].Deadline)
            {
                break;
            }

            Place(i, heap[child]);
            i = child;
        }

        Place(i, entry);
    }

    private void Place(int i, Entry entry)
    {
        heap[i] = entry;
        positions[entry.Token.Index] = i + 1;
    }

    private readonly record struct Entry(long Deadline, QToken Token);
}
