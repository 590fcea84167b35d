namespace DemiGen;

/// <summary>The scheduler's view of one coroutine type's slab.</summary>
internal abstract class CoroutineSlab
{
    internal abstract CoroutineStep Resume(int slot, in TaskContext context);

    internal abstract void Release(int slot);
}

/// <summary>All live coroutines of type <typeparamref name="T"/>, stored inline in one array and resumed in place.</summary>
internal sealed class CoroutineSlab<T> : CoroutineSlab
    where T : struct, ICoroutine
{
    private T[] items = new T[16];
    private int[] freeSlots = new int[16];
    private int freeCount;
    private int count;

    internal int Add(in T coroutine)
    {
        int slot;
        if (freeCount > 0)
        {
            slot = freeSlots[--freeCount];
        }
        else
        {
            if (count == items.Length)
            {
                Array.Resize(ref items, items.Length * 2);
            }

            slot = count++;
        }

        items[slot] = coroutine;
        return slot;
    }

    internal override CoroutineStep Resume(int slot, in TaskContext context) => items[slot].MoveNext(context);

    internal override void Release(int slot)
    {
        items[slot] = default;
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
