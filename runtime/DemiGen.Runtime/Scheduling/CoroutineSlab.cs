using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DemiGen;

/// <summary>
/// The scheduler's view of one page of a coroutine type's slab: a task slot points at the page of its coroutine,
/// so a resume reaches the coroutine in two dependent loads (task slot, page) instead of four (task slot, slab,
/// page table, page).
/// </summary>
internal abstract class CoroutinePage
{
    /// <summary>
    /// Runs the coroutine in <paramref name="slot"/> (its slot in the slab) to its next suspension, and releases the
    /// slot when the coroutine is done (one virtual call per step). No protected region here, so that with
    /// profile-guided optimization the JIT inlines the hot page's Resume and the coroutine's MoveNext into the
    /// scheduler's loop; an exception the coroutine throws reaches the scheduler, which releases the slot and fails the task.
    /// </summary>
    internal abstract CoroutineStep Resume(int slot, in TaskContext context);

    /// <summary>Frees the slot of a coroutine that will not run again (<see cref="Resume"/> does it for one that ended).</summary>
    internal abstract void Release(int slot);
}

/// <summary>
/// One page of <see cref="CoroutineSlab{T}"/>: its coroutines stored inline in the page object. Pages never move:
/// a coroutine that starts another of its own type while it runs keeps writing to its own slot.
/// </summary>
internal sealed class CoroutinePage<T>(CoroutineSlab<T> slab) : CoroutinePage
    where T : struct, ICoroutine
{
    internal const int Shift = 8;
    internal const int Size = 1 << Shift;
    internal const int Mask = Size - 1;

    private Coroutines items;

    /// <summary>The coroutine in slab slot <paramref name="slot"/> (which is on this page); the mask keeps it in the page, so no bounds check.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref T At(int slot) => ref Unsafe.Add(ref Unsafe.As<Coroutines, T>(ref items), slot & Mask);

    internal override CoroutineStep Resume(int slot, in TaskContext context)
    {
        CoroutineStep step = At(slot).MoveNext(context);
        if (step.IsDone)
        {
            Free(slot);
        }

        return step;
    }

    internal override void Release(int slot) => Free(slot);

    /// <summary>Clears and frees a slot; inlined into <see cref="Resume"/>, so a finished step makes no further call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Free(int slot)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Drops what the coroutine referenced; a coroutine without references is simply overwritten by the next one.
            At(slot) = default;
        }

        slab.FreeSlot(slot);
    }

    [InlineArray(Size)]
    private struct Coroutines
    {
        private T first;
    }
}

/// <summary>All live coroutines of type <typeparamref name="T"/>, stored inline in fixed-size pages and resumed in place.</summary>
internal sealed class CoroutineSlab<T>
    where T : struct, ICoroutine
{
    private CoroutinePage<T>[] pages = new CoroutinePage<T>[1];
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int count;

    /// <summary>
    /// Stores <paramref name="coroutine"/> in a free slot and returns the slot and its page. A free slot was used
    /// before, so its page exists; the free count never exceeds the free list (no bounds checks on either).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Add(in T coroutine, out CoroutinePage<T> page)
    {
        int slot;
        int free = freeCount;
        if (free > 0)
        {
            freeCount = --free;
            slot = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(freeSlots), (nint)(uint)free);
        }
        else
        {
            slot = AddSlot();
        }

        Debug.Assert((uint)(slot >> CoroutinePage<T>.Shift) < (uint)pages.Length && pages[slot >> CoroutinePage<T>.Shift] is not null, "a slot's page exists");
        page = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pages), (nint)(uint)(slot >> CoroutinePage<T>.Shift));
        page.At(slot) = coroutine;
        return slot;
    }

    /// <summary>A slot never used before (a new page when the last one is full).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AddSlot()
    {
        int slot = count++;
        int page = slot >> CoroutinePage<T>.Shift;
        if (page == pages.Length)
        {
            Array.Resize(ref pages, pages.Length * 2);
        }

        pages[page] ??= new CoroutinePage<T>(this);
        return slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void FreeSlot(int slot)
    {
        int free = freeCount;
        int[] list = freeSlots;
        if ((uint)free >= (uint)list.Length)
        {
            list = GrowFreeSlots();
        }

        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(list), (nint)(uint)free) = slot;
        freeCount = free + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int[] GrowFreeSlots()
    {
        Array.Resize(ref freeSlots, freeSlots.Length * 2);
        return freeSlots;
    }
}

/// <summary>A process-wide small id per coroutine type: its slab's index in each scheduler's slab table.</summary>
internal static class CoroutineTypeId
{
    private static int next;

    internal static int Allocate() => Interlocked.Increment(ref next) - 1;
}

internal static class CoroutineTypeId<T>
    where T : struct, ICoroutine
{
    internal static readonly int Value = CoroutineTypeId.Allocate();
}
