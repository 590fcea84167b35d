namespace DemiKV.Storage;

/// <summary>The hash of a key's bytes that <see cref="KeyTable"/> stores beside the key (seeded per process, as .NET's string hashes are).</summary>
public static class KeyHash
{
    /// <summary>The hash of <paramref name="key"/>.</summary>
    public static int Of(ReadOnlySpan<byte> key)
    {
        HashCode hash = default;
        hash.AddBytes(key);
        return hash.ToHashCode();
    }
}
