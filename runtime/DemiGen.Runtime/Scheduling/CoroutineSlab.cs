using System.Runtime.CompilerServices;

namespace DemiGen;

/// <summary>The scheduler's view of one coroutine type's slab.</summary>
internal abstract class CoroutineSlab
{
    /// <summary>
    /// Runs the coroutine in <paramref name="slot"/> to its next suspension, and releases the slot when the
    /// coroutine is done (one virtual call per step). No protected region here, so that with profile-guided
    /// optimization the JIT inlines the hot slab's Resume and the coroutine's MoveNext into the scheduler's loop;
    /// an exception the coroutine throws reaches the scheduler, which releases the slot and fails the task.
    /// </summary>
    internal abstract CoroutineStep Resume(int slot, in TaskContext context);

    /// <summary>Frees the slot of a coroutine that will not run again (<see cref="Resume"/> does it for one that ended).</summary>
    internal abstract void Release(int slot);
}

/// <summary>
/// All live coroutines of type <typeparamref name="T"/>, stored inline in fixed-size pages and resumed in place.
/// Pages never move: a coroutine that starts another of its own type while it runs keeps writing to its own slot.
/// </summary>
internal sealed class CoroutineSlab<T> : CoroutineSlab
    where T : struct, ICoroutine
{
    private const int PageShift = 8;
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;

    private T[][] pages = [new T[PageSize]];
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Add(in T coroutine)
    {
        int slot = freeCount > 0 ? freeSlots[--freeCount] : AddSlot();
        pages[slot >> PageShift][slot & PageMask] = coroutine;
        return slot;
    }

    /// <summary>A slot never used before (a new page when the last one is full).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AddSlot()
    {
        int slot = count++;
        int page = slot >> PageShift;
        if (page == pages.Length)
        {
            Array.Resize(ref pages, pages.Length * 2);
        }

        pages[page] ??= new T[PageSize];
        return slot;
    }

    internal override CoroutineStep Resume(int slot, in TaskContext context)
    {
        CoroutineStep step = pages[slot >> PageShift][slot & PageMask].MoveNext(context);
        if (step.IsDone)
        {
            FreeSlot(slot);
        }

        return step;
    }

    internal override void Release(int slot) => FreeSlot(slot);

    /// <summary>Clears and frees a slot; inlined into <see cref="Resume"/>, so a finished step makes no further call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FreeSlot(int slot)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Drops what the coroutine referenced; a coroutine without references is simply overwritten by the next one.
            pages[slot >> PageShift][slot & PageMask] = default;
        }

        if (freeCount == freeSlots.Length)
        {
            GrowFreeSlots();
        }

        freeSlots[freeCount++] = slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowFreeSlots() => Array.Resize(ref freeSlots, freeSlots.Length * 2);
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
