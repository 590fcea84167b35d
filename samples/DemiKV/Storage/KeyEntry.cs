namespace DemiKV.Storage;

/// <summary>
/// One key of a <see cref="KeyTable"/>, at its dense position: 32 bytes with no object of its own. Links are
/// positions plus one, so a zeroed entry or bucket means "none".
/// </summary>
internal struct KeyEntry
{
    /// <summary>The key's bytes (the table's own copy).</summary>
    public byte[] Key;

    /// <summary>The value stored under the key.</summary>
    public object Value;

    /// <summary>The key's hash, kept so moving buckets and comparing keys never rehash the bytes.</summary>
    public int Hash;

    /// <summary>The next entry in the same bucket's chain, as position + 1; 0 ends the chain.</summary>
    public int Next;

    /// <summary>Where the key's TTL deadline is in the table's list of volatile keys, as slot + 1; 0 for no TTL.</summary>
    public int VolatileSlot;
}
