namespace DemiKV.Storage;

/// <summary>
/// Copies of long-lived bytes (string values, hash values, the fields and members of small hashes and sets, keys
/// too long for the arena) made where the collector never moves them: on .NET's pinned object heap, which is
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
}
