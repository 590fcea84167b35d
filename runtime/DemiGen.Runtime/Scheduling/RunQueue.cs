using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DemiGen;

/// <summary>
/// The task ids to run: the yielded tasks in yield order, then each round's woken tasks in id order. Two lists in
/// the two halves of one array: a round runs the list it took while the tasks that yield in it append to the other,
/// and taking a list flips an offset (no array references to swap, so no GC write barriers).
/// </summary>
internal sealed class RunQueue
{
    private int[] items = new int[128];
    private int half = 64;
    private int pendingOffset;
    private int pendingCount;
    private int batchOffset;

    /// <summary>How many ids wait for the next round.</summary>
    internal int Count => pendingCount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Enqueue(int id)
    {
        int count = pendingCount;
        if (count == half)
        {
            Grow();
        }

        ItemAt(pendingOffset + count) = id;
        pendingCount = count + 1;
    }

    /// <summary>Makes the waiting ids this round's batch and returns how many; ids enqueued from now on wait for the next round.</summary>
    internal int TakeBatch()
    {
        int count = pendingCount;
        batchOffset = pendingOffset;
        pendingOffset = half - pendingOffset;
        pendingCount = 0;
        return count;
    }

    /// <summary>Takes the one waiting id (<see cref="Count"/> is 1); one that is enqueued from now on waits for the next round.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int TakeOnly()
    {
        pendingCount = 0;
        return ItemAt(pendingOffset);
    }

    /// <summary>
    /// Queues again the id <see cref="TakeOnly"/> took (a lone task that yielded). While nothing was enqueued since,
    /// that id is still in its place: only the count changes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RequeueOnly(int id)
    {
        if (pendingCount == 0)
        {
            pendingCount = 1;
            return;
        }

        Enqueue(id);
    }

    /// <summary>The <paramref name="index"/>th id of the batch taken last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int BatchAt(int index) => ItemAt(batchOffset + index);

    /// <summary>An entry of either half: an offset (0 or half) plus a count below half is in range, no bounds check needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int ItemAt(int index)
    {
        Debug.Assert((uint)index < (uint)items.Length, "an offset plus a count below half is in range");
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(items), (nint)(uint)index);
    }

    /// <summary>Doubles both halves, keeping the batch being run and the waiting ids in their halves.</summary>
    private void Grow()
    {
        int grownHalf = half * 2;
        int[] grown = new int[grownHalf * 2];
        Array.Copy(items, 0, grown, 0, half);
        Array.Copy(items, half, grown, grownHalf, half);
        batchOffset = batchOffset == 0 ? 0 : grownHalf;
        pendingOffset = pendingOffset == 0 ? 0 : grownHalf;
        items = grown;
        half = grownHalf;
    }
}
