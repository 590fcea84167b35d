using System.Runtime.InteropServices;

namespace DemiKV.Storage;

/// <summary>
/// One Redis database: keys in a dense array beside a hash index (so SCAN has a stable cursor and sampling is
/// O(1)), values (strings as byte[] or <see cref="RegisteredString"/>, <see cref="RedisList"/>,
/// <see cref="RedisHash"/>, <see cref="DenseSet"/>) and expiry times in milliseconds of the libOS clock. Expired keys
/// vanish lazily when touched and actively through <see cref="ExpireSample"/>. Every value that leaves the database
/// (overwritten, deleted, expired, flushed) is released (<see cref="StringValue.Release"/>).
/// </summary>
public sealed class Database
{
    private const long NoExpiry = -1;

    private readonly Dictionary<byte[], int> index = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> lookup;
    private readonly List<Entry> entries = [];
    private readonly DenseSet volatileKeys = new();

    /// <summary>Creates an empty database.</summary>
    public Database() => lookup = index.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Where large string values go (registered memory, for zero-copy replies); null keeps every string in an array.</summary>
    public ValueMemory? Values { get; set; }

    /// <summary>Keys, counting ones that have expired but were not yet removed (as Redis's DBSIZE does).</summary>
    public int Count => entries.Count;

    /// <summary>Keys with a TTL.</summary>
    public int VolatileCount => volatileKeys.Count;

    /// <summary>Keys removed because their TTL passed.</summary>
    public long ExpiredKeys { get; private set; }

    /// <summary>The value of a live key, or null (removing the key if it has expired).</summary>
    public object? Get(ReadOnlySpan<byte> key, long nowMs)
    {
        if (!lookup.TryGetValue(key, out int position))
        {
            return null;
        }

        Entry entry = entries[position];
        if (entry.ExpiresAtMs != NoExpiry && entry.ExpiresAtMs <= nowMs)
        {
            RemoveAt(position);
            ExpiredKeys++;
            return null;
        }

        return entry.Value;
    }

    /// <summary>True if a live key exists.</summary>
    public bool Exists(ReadOnlySpan<byte> key, long nowMs) => Get(key, nowMs) is not null;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any value, with a TTL deadline or -1 for none.</summary>
    public void Set(ReadOnlySpan<byte> key, object value, long expiresAtMs = NoExpiry) => Put(key, value, default, expiresAtMs);

    /// <summary>
    /// Stores a copy of the string <paramref name="value"/> under <paramref name="key"/>, replacing any value, with a
    /// TTL deadline or -1 for none: in registered memory when <see cref="Values"/> takes it, else in an array. A string
    /// of the same length as an array stored is written over it in place: no array is shared between keys, and
    /// replies copy arrays out at once, so nothing else sees the change. A registered value is never written over
    /// (clones of it may be in flight): it is replaced and released.
    /// </summary>
    public void SetString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expiresAtMs = NoExpiry) => Put(key, null, value, expiresAtMs);

    /// <summary>Replaces the value of an existing key and keeps its TTL (SET KEEPTTL, APPEND, INCR…); adds it without TTL otherwise.</summary>
    public void SetKeepTtl(ReadOnlySpan<byte> key, object value)
    {
        if (lookup.TryGetValue(key, out int position))
        {
            object old = entries[position].Value;
            entries[position] = entries[position] with { Value = value };
            if (!ReferenceEquals(old, value))
            {
                StringValue.Release(old);
            }

            return;
        }

        Set(key, value);
    }

    /// <summary>Like <see cref="SetKeepTtl(ReadOnlySpan{byte}, object)"/> for a string, stored as <see cref="SetString"/> stores it.</summary>
    public void SetStringKeepTtl(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => SetKeepTtl(key, StoredForm(value));

    /// <summary>Deletes a key; false if it was not there (or had expired).</summary>
    public bool Remove(ReadOnlySpan<byte> key, long nowMs)
    {
        if (Get(key, nowMs) is null)
        {
            return false;
        }

        RemoveAt(lookup[key]);
        return true;
    }

    /// <summary>The TTL deadline in ms of a live key, -1 if it has none, or null if the key does not exist.</summary>
    public long? GetExpiry(ReadOnlySpan<byte> key, long nowMs)
    {
        if (Get(key, nowMs) is null)
        {
            return null;
        }

        return entries[lookup[key]].ExpiresAtMs;
    }

    /// <summary>Sets (or with -1 clears) the TTL deadline of a live key; false if the key does not exist.</summary>
    public bool SetExpiry(ReadOnlySpan<byte> key, long expiresAtMs, long nowMs)
    {
        if (Get(key, nowMs) is null)
        {
            return false;
        }

        int position = lookup[key];
        Entry entry = entries[position];
        entries[position] = entry with { ExpiresAtMs = expiresAtMs };
        UpdateVolatile(entry.Key, entry.ExpiresAtMs, expiresAtMs);
        return true;
    }

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        foreach (Entry entry in entries)
        {
            StringValue.Release(entry.Value);
        }

        index.Clear();
        entries.Clear();
        volatileKeys.Clear();
    }

    /// <summary>
    /// Visits keys for SCAN from dense position <c>cursor - 1</c> downwards (cursor 0 starts at the top). Visiting
    /// downwards keeps the cursor sound: a delete swaps the top key (already visited) into the hole. Returns the
    /// next cursor, 0 when done.
    /// </summary>
    public long Scan(long cursor, int count, long nowMs, List<byte[]> keys)
    {
        long position = cursor == 0 ? entries.Count - 1 : Math.Min(cursor - 1, entries.Count - 1);
        for (int visited = 0; position >= 0 && visited < count; visited++, position--)
        {
            Entry entry = entries[(int)position];
            if (entry.ExpiresAtMs == NoExpiry || entry.ExpiresAtMs > nowMs)
            {
                keys.Add(entry.Key);
            }
        }

        return position < 0 ? 0 : position + 1;
    }

    /// <summary>Every live key (KEYS).</summary>
    public IEnumerable<byte[]> LiveKeys(long nowMs)
    {
        foreach (Entry entry in entries)
        {
            if (entry.ExpiresAtMs == NoExpiry || entry.ExpiresAtMs > nowMs)
            {
                yield return entry.Key;
            }
        }
    }

    /// <summary>
    /// One round of active expiry, as Redis's <c>activeExpireCycle</c>: tests up to <paramref name="samples"/>
    /// random keys with a TTL and removes the expired ones. Returns how many were expired.
    /// </summary>
    public int ExpireSample(int samples, long nowMs, Random random)
    {
        int expired = 0;
        for (int i = 0; i < samples && volatileKeys.Count > 0; i++)
        {
            byte[] key = volatileKeys[random.Next(volatileKeys.Count)];
            int position = lookup[key];
            if (entries[position].ExpiresAtMs <= nowMs)
            {
                RemoveAt(position);
                ExpiredKeys++;
                expired++;
            }
        }

        return expired;
    }

    // Stores `value`, or when it is null a copy of `text`, under the key.
    private void Put(ReadOnlySpan<byte> key, object? value, ReadOnlySpan<byte> text, long expiresAtMs)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, key, out bool exists);
        if (exists)
        {
            ref Entry entry = ref CollectionsMarshal.AsSpan(entries)[slot];
            long before = entry.ExpiresAtMs;
            object old = entry.Value;
            if (value is null && old is byte[] stored && stored.Length == text.Length && !GoesToRegisteredMemory(text.Length))
            {
                text.CopyTo(stored);
                value = stored;
            }

            entry = entry with { Value = value ?? StoredForm(text), ExpiresAtMs = expiresAtMs };
            UpdateVolatile(entry.Key, before, expiresAtMs);
            if (!ReferenceEquals(old, entry.Value))
            {
                StringValue.Release(old);
            }

            return;
        }

        slot = entries.Count;
        lookup.TryGetValue(key, out byte[]? storedKey, out _);
        entries.Add(new Entry(storedKey!, value ?? StoredForm(text), expiresAtMs));
        UpdateVolatile(storedKey!, NoExpiry, expiresAtMs);
    }

    private void RemoveAt(int position)
    {
        Entry entry = entries[position];
        index.Remove(entry.Key);
        if (entry.ExpiresAtMs != NoExpiry)
        {
            volatileKeys.Remove(entry.Key);
        }

        int last = entries.Count - 1;
        if (position != last)
        {
            Entry moved = entries[last];
            entries[position] = moved;
            index[moved.Key] = position;
        }

        entries.RemoveAt(last);
        StringValue.Release(entry.Value);
    }

    private bool GoesToRegisteredMemory(int length) => Values is { } values && values.Takes(length);

    private object StoredForm(ReadOnlySpan<byte> text) => Values is { } values ? values.Store(text) : text.ToArray();

    private void UpdateVolatile(byte[] key, long before, long after)
    {
        if (before == NoExpiry && after != NoExpiry)
        {
            volatileKeys.Add(key);
        }
        else if (before != NoExpiry && after == NoExpiry)
        {
            volatileKeys.Remove(key);
        }
    }

    private readonly record struct Entry(byte[] Key, object Value, long ExpiresAtMs);
}
