namespace DemiKV.Storage;

/// <summary>
/// One Redis database: keys in a <see cref="KeyTable"/> (dense positions under an incrementally resized hash index,
/// so SCAN has a stable cursor, sampling is O(1) and growing never stops the server), values (strings as byte[] or
/// <see cref="RegisteredString"/>, <see cref="RedisList"/>, <see cref="RedisHash"/>, <see cref="DenseSet"/>) and
/// expiry times in milliseconds of the libOS clock. Expired keys vanish lazily when touched and actively through
/// <see cref="ExpireSample"/>. Every value that leaves the database (overwritten, deleted, expired, flushed) is
/// released (<see cref="StringValue.Release"/>).
/// </summary>
public sealed class Database
{
    private const long NoExpiry = KeyTable.NoDeadline;

    private readonly KeyTable table = new();

    /// <summary>Where large string values go (registered memory, for zero-copy replies); null keeps every string in an array.</summary>
    public ValueMemory? Values { get; set; }

    /// <summary>Keys, counting ones that have expired but were not yet removed (as Redis's DBSIZE does).</summary>
    public int Count => table.Count;

    /// <summary>Keys with a TTL.</summary>
    public int VolatileCount => table.VolatileCount;

    /// <summary>Keys removed because their TTL passed.</summary>
    public long ExpiredKeys { get; private set; }

    /// <summary>True while the key index is moving keys to a resized bucket array (<see cref="Rehash"/> moves it along).</summary>
    public bool IsRehashing => table.IsMigrating;

    /// <summary>The value of a live key, or null (removing the key if it has expired).</summary>
    public object? Get(ReadOnlySpan<byte> key, long nowMs)
    {
        int position = table.Find(key);
        if (position < 0)
        {
            return null;
        }

        object? value = table.LiveValueAt(position, nowMs);
        if (value is null)
        {
            Expire(position);
        }

        return value;
    }

    /// <summary>True if a live key exists.</summary>
    public bool Exists(ReadOnlySpan<byte> key, long nowMs) => FindLive(key, nowMs) >= 0;

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any value, with a TTL deadline or -1 for none.</summary>
    public void Set(ReadOnlySpan<byte> key, object value, long expiresAtMs = NoExpiry) => Put(key, value, default, expiresAtMs);

    /// <summary>
    /// Stores a copy of the string <paramref name="value"/> under <paramref name="key"/>, replacing any value, with a
    /// TTL deadline or -1 for none: in registered memory when <see cref="Values"/> takes it, else in an array that
    /// young collections never copy (<see cref="TenuredBytes"/>). A string of the same length as an array stored is
    /// written over it in place: no array is shared between keys, and replies copy arrays out at once, so nothing
    /// else sees the change. A registered value is never written over (clones of it may be in flight): it is
    /// replaced and released.
    /// </summary>
    public void SetString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expiresAtMs = NoExpiry) => Put(key, null, value, expiresAtMs);

    /// <summary>Replaces the value of an existing key and keeps its TTL (SET KEEPTTL, APPEND, INCR…); adds it without TTL otherwise.</summary>
    public void SetKeepTtl(ReadOnlySpan<byte> key, object value)
    {
        int position = table.Find(key, out int hash);
        if (position < 0)
        {
            table.Add(key, hash, value);
            return;
        }

        ref object stored = ref table.ValueAt(position);
        object old = stored;
        stored = value;
        if (!ReferenceEquals(old, value))
        {
            StringValue.Release(old);
        }
    }

    /// <summary>Like <see cref="SetKeepTtl(ReadOnlySpan{byte}, object)"/> for a string, stored as <see cref="SetString"/> stores it.</summary>
    public void SetStringKeepTtl(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => SetKeepTtl(key, StoredForm(value));

    /// <summary>Deletes a key; false if it was not there (or had expired).</summary>
    public bool Remove(ReadOnlySpan<byte> key, long nowMs)
    {
        int position = FindLive(key, nowMs);
        if (position < 0)
        {
            return false;
        }

        StringValue.Release(table.RemoveAt(position));
        return true;
    }

    /// <summary>
    /// Moves the value of <paramref name="from"/> and its TTL to <paramref name="to"/>, replacing (and releasing)
    /// any value there (RENAME). False if <paramref name="from"/> does not exist. Renaming a key to itself keeps it.
    /// </summary>
    public bool Rename(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, long nowMs)
    {
        int position = FindLive(from, nowMs);
        if (position < 0)
        {
            return false;
        }

        long deadline = table.DeadlineAt(position);
        object value = table.RemoveAt(position);
        Put(to, value, default, deadline);
        return true;
    }

    /// <summary>
    /// A live key picked at random (RANDOMKEY), or an empty span when there is none; expired keys met on the way
    /// are removed. Valid until the keyspace next changes.
    /// </summary>
    public ReadOnlySpan<byte> RandomKey(long nowMs, Random random)
    {
        while (table.Count > 0)
        {
            int position = random.Next(table.Count);
            if (!table.IsExpiredAt(position, nowMs))
            {
                return table.KeyAt(position);
            }

            Expire(position);
        }

        return default;
    }

    /// <summary>The TTL deadline in ms of a live key, -1 if it has none, or null if the key does not exist.</summary>
    public long? GetExpiry(ReadOnlySpan<byte> key, long nowMs)
    {
        int position = FindLive(key, nowMs);
        return position < 0 ? null : table.DeadlineAt(position);
    }

    /// <summary>Sets (or with -1 clears) the TTL deadline of a live key; false if the key does not exist.</summary>
    public bool SetExpiry(ReadOnlySpan<byte> key, long expiresAtMs, long nowMs)
    {
        int position = FindLive(key, nowMs);
        if (position < 0)
        {
            return false;
        }

        table.SetDeadline(position, expiresAtMs);
        return true;
    }

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        for (int position = 0; position < table.Count; position++)
        {
            StringValue.Release(table.ValueAt(position));
        }

        table.Clear();
    }

    /// <summary>
    /// Visits keys for SCAN from dense position <c>cursor - 1</c> downwards (cursor 0 starts at the top). Visiting
    /// downwards keeps the cursor sound: a delete swaps the top key (already visited) into the hole, and an insert
    /// goes on top. Resizing the index never moves a key's position. Returns the next cursor, 0 when done.
    /// </summary>
    public long Scan(long cursor, int count, long nowMs, List<byte[]> keys)
    {
        long position = cursor == 0 ? table.Count - 1 : Math.Min(cursor - 1, table.Count - 1);
        for (int visited = 0; position >= 0 && visited < count; visited++, position--)
        {
            if (!table.IsExpiredAt((int)position, nowMs))
            {
                keys.Add(table.KeyAt((int)position).ToArray());
            }
        }

        return position < 0 ? 0 : position + 1;
    }

    /// <summary>Copies of the live keys that match the glob <paramref name="pattern"/> (KEYS).</summary>
    public void MatchingKeys(ReadOnlySpan<byte> pattern, long nowMs, List<byte[]> matches)
    {
        for (int position = 0; position < table.Count; position++)
        {
            ReadOnlySpan<byte> key = table.KeyAt(position);
            if (!table.IsExpiredAt(position, nowMs) && GlobPattern.IsMatch(pattern, key))
            {
                matches.Add(key.ToArray());
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
        for (int i = 0; i < samples && table.VolatileCount > 0; i++)
        {
            int position = table.RandomVolatile(random);
            if (table.DeadlineAt(position) <= nowMs)
            {
                Expire(position);
                expired++;
            }
        }

        return expired;
    }

    /// <summary>Moves up to <paramref name="buckets"/> buckets of a pending index resize; returns the buckets passed (0 when none is pending).</summary>
    public int Rehash(int buckets) => table.Rehash(buckets);

    // The position of a live key, or -1; removes the key if it has expired.
    private int FindLive(ReadOnlySpan<byte> key, long nowMs)
    {
        int position = table.Find(key);
        if (position >= 0 && table.IsExpiredAt(position, nowMs))
        {
            Expire(position);
            return -1;
        }

        return position;
    }

    // Removes a key whose TTL has passed and releases its value.
    private void Expire(int position)
    {
        StringValue.Release(table.RemoveAt(position));
        ExpiredKeys++;
    }

    // Stores `value`, or when it is null a copy of `text`, under the key.
    private void Put(ReadOnlySpan<byte> key, object? value, ReadOnlySpan<byte> text, long expiresAtMs)
    {
        int position = table.Find(key, out int hash);
        if (position < 0)
        {
            table.Add(key, hash, value ?? StoredForm(text), expiresAtMs);
            return;
        }

        ref object stored = ref table.ValueAt(position);
        object old = stored;
        if (value is null && old is byte[] bytes && bytes.Length == text.Length && !GoesToRegisteredMemory(text.Length))
        {
            text.CopyTo(bytes);
            value = bytes;
        }

        object replacement = value ?? StoredForm(text);
        stored = replacement;
        table.SetDeadline(position, expiresAtMs);
        if (!ReferenceEquals(old, replacement))
        {
            StringValue.Release(old);
        }
    }

    private bool GoesToRegisteredMemory(int length) => Values is { } values && values.Takes(length);

    private object StoredForm(ReadOnlySpan<byte> text) => Values is { } values ? values.Store(text) : TenuredBytes.Copy(text);
}
