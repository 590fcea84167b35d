namespace DemiGen;

/// <summary>Pending delays as a binary min-heap on their deadlines.</summary>
internal sealed class TimerHeap
{
    private Entry[] heap = new Entry[64];

    internal int Count { get; private set; }

    internal long NextDeadline => Count == 0 ? long.MaxValue : heap[0].Deadline;

    internal void Add(long deadline, QToken token)
    {
        if (Count == heap.Length)
        {
            Array.Resize(ref heap, heap.Length * 2);
        }

        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent].Deadline <= deadline)
            {
                break;
            }

            heap[i] = heap[parent];
            i = parent;
        }

        heap[i] = new Entry(deadline, token);
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
        Entry last = heap[--Count];
        int i = 0;
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

            if (last.Deadline <= heap[child].Deadline)
            {
                break;
            }

            heap[i] = heap[child];
            i = child;
        }

        heap[i] = last;
        return true;
    }

    private readonly record struct Entry(long Deadline, QToken Token);
}
