namespace DemiKV.Storage;

/// <summary>
/// One key of a <see cref="KeyTable"/>, at its dense position: 32 bytes, with the key's bytes in the table's
/// <see cref="KeyArena"/> and no object of its own. Links are positions plus one, so a zeroed entry or bucket means
/// "none".
/// </summary>
internal struct KeyEntry
{
    /// <summary>The value stored under the key.</summary>
    public object Value;

    /// <summary>The slot of the key's bytes in the table's <see cref="KeyArena"/>.</summary>
    public int KeySlot;

    /// <summary>The key's length in bytes (which also picks its arena size class).</summary>
    public int KeyLength;

    /// <summary>The key's hash, kept so moving buckets and comparing keys never rehash the bytes.</summary>
    public int Hash;

    /// <summary>The next entry in the same bucket's chain, as position + 1; 0 ends the chain.</summary>
    public int Next;

    /// <summary>Where the key's TTL deadline is in the table's list of volatile keys, as slot + 1; 0 for no TTL.</summary>
    public int VolatileSlot;
}
