using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// The task ids to run, first in first out: the yielded tasks in yield order, then each round's woken tasks in id
/// order. A ring, so a round takes its tasks from the head while the tasks that yield in it append at the tail
/// (no batch array to swap). Head and tail count up and wrap; the capacity stays a power of two.
/// </summary>
internal sealed class RunQueue
{
    private int[] ring = new int[64];
    private uint head;
    private uint tail;

    internal int Count => (int)(tail - head);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Enqueue(int id)
    {
        int[] items = ring;
        if (tail - head == (uint)items.Length)
        {
            items = Grow();
        }

        items[(int)(tail & (uint)(items.Length - 1))] = id;
        tail++;
    }

    /// <summary>Takes the oldest id; the caller knows the queue is not empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Dequeue()
    {
        int[] items = ring;
        int id = items[(int)(head & (uint)(items.Length - 1))];
        head++;
        return id;
    }

    /// <summary>Doubles the ring, keeping every queued id at its position modulo the new capacity.</summary>
    private int[] Grow()
    {
        int[] grown = new int[ring.Length * 2];
        for (uint i = head; i != tail; i++)
        {
            grown[(int)(i & (uint)(grown.Length - 1))] = ring[(int)(i & (uint)(ring.Length - 1))];
        }

        ring = grown;
        return grown;
    }
}
