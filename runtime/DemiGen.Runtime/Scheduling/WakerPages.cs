using System.Numerics;
using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>
/// The runnable set as a two-level bitset: one bit per task id in 64-task pages, and one summary bit per page, so a
/// round visits only pages that hold runnable tasks however many tasks are blocked.
/// </summary>
internal sealed class WakerPages
{
    private ulong[] pages = new ulong[64];
    private ulong[] summary = new ulong[1];

    internal int Count { get; private set; }

    internal void EnsureCapacity(int taskIds)
    {
        int pageCount = (taskIds + 63) >> 6;
        if (pageCount > pages.Length)
        {
            int grown = Math.Max(pageCount, pages.Length * 2);
            Array.Resize(ref pages, grown);
            Array.Resize(ref summary, (grown + 63) >> 6);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Set(int id)
    {
        int page = id >> 6;
        ulong bit = 1UL << (id & 63);
        if ((pages[page] & bit) != 0)
        {
            return;
        }

        pages[page] |= bit;
        summary[page >> 6] |= 1UL << (page & 63);
        Count++;
    }

    /// <summary>
    /// Appends every runnable id, in id order, to <paramref name="queue"/> and clears them. Ids set afterwards wait for the next call.
    /// </summary>
    internal void TakeAll(RunQueue queue)
    {
        for (int word = 0; word < summary.Length; word++)
        {
            ulong pageBits = summary[word];
            if (pageBits == 0)
            {
                continue;
            }

            summary[word] = 0;
            while (pageBits != 0)
            {
                int page = (word << 6) + BitOperations.TrailingZeroCount(pageBits);
                pageBits &= pageBits - 1;
                ulong taskBits = pages[page];
                pages[page] = 0;
                while (taskBits != 0)
                {
                    queue.Enqueue((page << 6) + BitOperations.TrailingZeroCount(taskBits));
                    taskBits &= taskBits - 1;
                }
            }
        }

        Count = 0;
    }
}
