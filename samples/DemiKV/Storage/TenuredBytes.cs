namespace DemiKV.Storage;

/// <summary>
/// Long-lived bytes (string values, hash values, keys too long for the arena, the packed arrays of small hashes and
/// sets and of list nodes) allocated where the collector never moves them: on .NET's pinned object heap, which is
/// collected with generation 2 only. Stored bytes usually live long, so copying them out of the nursery (and again
/// out of generation 1) is wasted work that stops the server: while millions of keys are loaded, those young
/// collections were the whole tail of SET latency (docs/demikv.md, "Keyspace growth"). The price: a value that is
/// dropped soon after is freed only by the next full (background) collection, and the pinned heap is swept, not
/// compacted.
/// </summary>
public static class TenuredBytes
{
    /// <summary>A new array on the pinned object heap holding a copy of <paramref name="bytes"/>.</summary>
    public static byte[] Copy(ReadOnlySpan<byte> bytes)
    {
        byte[] copy = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
        bytes.CopyTo(copy);
        return copy;
    }

    /// <summary>
    /// A new uninitialized array on the pinned object heap of at least <paramref name="length"/> bytes, rounded up to
    /// 8 (an array's size is rounded so anyway, so the rounding costs nothing and saves a growth), but at most
    /// <paramref name="maxLength"/>.
    /// </summary>
    public static byte[] Allocate(int length, int maxLength = int.MaxValue) =>
        GC.AllocateUninitializedArray<byte>(Math.Min(maxLength, (length + 7) & ~7), pinned: true);
}
