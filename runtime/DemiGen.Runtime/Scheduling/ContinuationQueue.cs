namespace DemiGen;

/// <summary>A FIFO ring of continuations of the compatibility path (plain async code awaiting DemiGen operations).</summary>
internal sealed class ContinuationQueue
{
    private Action?[] ring = new Action?[64];
    private int head;

    internal int Count { get; private set; }

    internal void Enqueue(Action continuation)
    {
        if (Count == ring.Length)
        {
            Action?[] grown = new Action?[ring.Length * 2];
            for (int i = 0; i < Count; i++)
            {
                grown[i] = ring[(head + i) & (ring.Length - 1)];
            }

            ring = grown;
            head = 0;
        }

        ring[(head + Count) & (ring.Length - 1)] = continuation;
        Count++;
    }

    internal Action Dequeue()
    {
        Action continuation = ring[head]!;
        ring[head] = null;
        head = (head + 1) & (ring.Length - 1);
        Count--;
        return continuation;
    }
}
