namespace DemiKV.Storage;

/// <summary>A Redis hash: fields to values, searchable by span.</summary>
public sealed class RedisHash
{
    private readonly Dictionary<byte[], byte[]> fields = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> lookup;

    /// <summary>Creates an empty hash.</summary>
    public RedisHash() => lookup = fields.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>How many fields.</summary>
    public int Count => fields.Count;

    /// <summary>Every field and value.</summary>
    public Dictionary<byte[], byte[]> Fields => fields;

    /// <summary>The value of <paramref name="field"/>, or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> field) => lookup.TryGetValue(field, out byte[]? value) ? value : null;

    /// <summary>Sets a field; true if it is new.</summary>
    public bool Set(ReadOnlySpan<byte> field, byte[] value)
    {
        bool added = !lookup.ContainsKey(field);
        lookup[field] = value;
        return added;
    }

    /// <summary>Deletes a field; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> field) => lookup.Remove(field);
}
