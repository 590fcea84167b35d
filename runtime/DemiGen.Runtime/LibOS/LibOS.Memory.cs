namespace DemiGen;

public abstract partial class LibOS
{
    /// <summary>Allocates an Sga of <paramref name="size"/> bytes from registered memory; the app owns it until it frees or pushes-and-frees it.</summary>
    /// <remarks>Up to 64 KiB is one segment; larger sizes chain 64 KiB segments.</remarks>
    public Sga SgaAlloc(int size)
    {
        CheckThread("SgaAlloc");
        return memory.Allocate(size);
    }

    /// <summary>
    /// Frees an Sga. If a push still borrows it, the buffer returns to the pool only when that push completes; the
    /// handle is dead at once either way. Freeing the empty (default) Sga does nothing.
    /// </summary>
    /// <exception cref="DemiUsageException">Double free, a stale copy, or an Sga of another libOS.</exception>
    public void SgaFree(Sga sga)
    {
        CheckThread("SgaFree");
        if (sga.Memory is null)
        {
            return;
        }

        memory.Free(sga);
    }
}
