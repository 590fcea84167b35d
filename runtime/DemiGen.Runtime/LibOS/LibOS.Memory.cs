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
    /// A new Sga handle over the same bytes as <paramref name="sga"/>, without copying (like a DPDK indirect mbuf): the
    /// app owns it, pushes it and frees it on its own, exactly as an Sga from <see cref="SgaAlloc"/>. The buffers return
    /// to the pool only when the last handle over them is released, so one stored value can be pushed to several
    /// queues at once, each push lending its own handle.
    /// </summary>
    /// <remarks>
    /// The handles share their bytes: write before cloning. <see cref="Sga.Trim"/> of a handle whose buffers are
    /// shared is refused (it would shorten the others). Cloning an Sga lent to a pending push is allowed; the clone
    /// is only read. <see cref="LibOSStats.LiveSgas"/> counts every handle.
    /// </remarks>
    /// <exception cref="DemiUsageException">The Sga is empty, freed, stale, or another libOS's.</exception>
    public Sga SgaClone(Sga sga)
    {
        CheckThread("SgaClone");
        return memory.Clone(sga);
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
