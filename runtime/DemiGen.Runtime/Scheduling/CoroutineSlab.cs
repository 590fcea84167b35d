using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace DemiGen;

/// <summary>The scheduler's view of one coroutine type's slab.</summary>
internal abstract class CoroutineSlab
{
    private ExceptionDispatchInfo? fault;

    /// <summary>
    /// Runs the coroutine in <paramref name="slot"/> to its next suspension, and releases the slot when the
    /// coroutine ends (one virtual call per step). An exception it throws is caught here and reported as
    /// <see cref="CoroutineStep.Faulted"/>: the one protected region of a resume, so the scheduler's loops and its
    /// spawn need none of their own.
    /// </summary>
    internal abstract CoroutineStep Resume(int slot, in TaskContext context);

    /// <summary>The exception behind the last <see cref="CoroutineStep.Faulted"/> step; taken once.</summary>
    internal ExceptionDispatchInfo TakeFault()
    {
        ExceptionDispatchInfo taken = fault!;
        fault = null;
        return taken;
    }

    private protected CoroutineStep Fail(Exception exception)
    {
        fault = ExceptionDispatchInfo.Capture(exception);
        return CoroutineStep.Faulted;
    }

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
        CoroutineStep step;
        try
        {
            step = pages[slot >> PageShift][slot & PageMask].MoveNext(context);
        }
        catch (Exception e)
        {
            step = Fail(e);
        }

        if (step.Ends)
        {
            Release(slot);
        }

        return step;
    }

    internal override void Release(int slot)
    {
        pages[slot >> PageShift][slot & PageMask] = default;
        if (freeCount == freeSlots.Length)
        {
            Array.Resize(ref freeSlots, freeSlots.Length * 2);
        }

        freeSlots[freeCount++] = slot;
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
