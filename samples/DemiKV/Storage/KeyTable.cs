using System.Diagnostics;
using System.Numerics;

namespace DemiKV.Storage;

/// <summary>
/// A keyspace that never stops to grow: keys in dense positions (<see cref="PagedList{T}"/> pages of
/// <see cref="KeyEntry"/>, so growing allocates a page and copies nothing) under a hash index whose buckets are
/// resized incrementally (<see cref="BucketIndex"/>: every lookup moves a couple of buckets, <see cref="Rehash"/>
/// moves more in the server's spare time), and a dense list of the keys with a TTL (<see cref="VolatileKey"/>,
/// paged too). The keys' bytes live in a <see cref="KeyArena"/>, not in an array each. Removal swaps the last
/// entry into the hole, so positions stay dense: a position is a sound SCAN cursor when visited from the top down,
/// and a random key with a TTL is one random index away. Lookups take a span and allocate nothing. The table knows
/// nothing of values: the caller releases what <see cref="RemoveAt"/> returns.
/// </summary>
public sealed class KeyTable
{
    /// <summary>The deadline of a key without a TTL.</summary>
    public const long NoDeadline = -1;

    /// <summary>Buckets of an empty table (and the least it shrinks to).</summary>
    public const int MinBuckets = 4;

    // 4096 entries of 32 bytes: 128 KiB pages; 4096 volatile keys of 12 bytes: 48 KiB.
    private const int EntryPageShift = 12;
    private const int VolatilePageShift = 12;
    private const int MaxBuckets = 1 << 30;

    /// <summary>
    /// Old buckets each lookup moves while migrating, as Redis's <c>_dictRehashStep</c>: a bounded bit of the work,
    /// more than the inserts that could ask for the next resize, so a migration ends long before the table is full
    /// again. Each lookup passes over at most ten times as many empty buckets.
    /// </summary>
    public const int DefaultLookupStep = 2;

    private readonly PagedList<KeyEntry> entries = new(EntryPageShift);
    private readonly PagedList<VolatileKey> volatiles = new(VolatilePageShift);
    private readonly KeyArena keys = new();
    private readonly BucketIndex index;
    private readonly int lookupStep;

    /// <summary>
    /// Creates an empty table whose lookups each move <paramref name="lookupStep"/> old buckets of a pending
    /// migration (0: only <see cref="Rehash"/> moves them).
    /// </summary>
    public KeyTable(int lookupStep = DefaultLookupStep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lookupStep);
        this.lookupStep = lookupStep;
        index = new BucketIndex(entries, MinBuckets);
    }

    /// <summary>Keys stored (expired ones too until they are removed).</summary>
    public int Count => entries.Count;

    /// <summary>Keys with a TTL.</summary>
    public int VolatileCount => volatiles.Count;

    /// <summary>Buckets of the index (the new array's while <see cref="IsMigrating"/>).</summary>
    public int BucketCount => index.BucketCount;

    /// <summary>True while the index is moving keys to a resized bucket array.</summary>
    public bool IsMigrating => index.IsMigrating;

    /// <summary>The dense position of <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key) => Find(key, out _);

    /// <summary>
    /// The dense position of <paramref name="key"/>, or -1; <paramref name="hash"/> is the key's hash, for
    /// <see cref="Add"/> when the key was not there. Moves a bounded part of a pending migration first.
    /// </summary>
    public int Find(ReadOnlySpan<byte> key, out int hash)
    {
        hash = KeyHash.Of(key);
        if (lookupStep > 0 && index.IsMigrating)
        {
            index.Migrate(lookupStep, lookupStep * 10);
        }

        int link = index.Head(hash);
        while (link != 0)
        {
            ref KeyEntry entry = ref entries[link - 1];
            if (entry.Hash == hash && entry.KeyLength == key.Length && key.SequenceEqual(keys.Read(entry.KeySlot, entry.KeyLength)))
            {
                return link - 1;
            }

            link = entry.Next;
        }

        return -1;
    }

    /// <summary>
    /// Adds a key that is not in the table (<see cref="Find(ReadOnlySpan{byte}, out int)"/> just returned -1 and
    /// <paramref name="hash"/>), storing a copy of its bytes, and returns its position (the last).
    /// </summary>
    public int Add(ReadOnlySpan<byte> key, int hash, object value, long deadlineMs = NoDeadline)
    {
        ArgumentNullException.ThrowIfNull(value);
        Debug.Assert(hash == KeyHash.Of(key), "The hash is the one Find returned for this key.");
        if (entries.Count == int.MaxValue)
        {
            throw new InvalidOperationException("The table is full.");
        }

        int position = entries.Count;
        int slot = keys.Store(key);
        ref KeyEntry entry = ref entries.Add();
        entry.KeySlot = slot;
        entry.KeyLength = key.Length;
        entry.Value = value;
        entry.Hash = hash;
        index.Insert(position, hash);
        SetDeadline(position, deadlineMs);
        ResizeIfNeeded();
        return position;
    }

    /// <summary>The bytes of the key at <paramref name="position"/>, valid until the table next changes (copy them to keep them).</summary>
    public ReadOnlySpan<byte> KeyAt(int position)
    {
        ref KeyEntry entry = ref entries[position];
        return keys.Read(entry.KeySlot, entry.KeyLength);
    }

    /// <summary>The value at <paramref name="position"/>, by reference (to replace it in place).</summary>
    public ref object ValueAt(int position) => ref entries[position].Value;

    /// <summary>The TTL deadline of the key at <paramref name="position"/>, or <see cref="NoDeadline"/>.</summary>
    public long DeadlineAt(int position)
    {
        int slot = entries[position].VolatileSlot;
        return slot == 0 ? NoDeadline : volatiles[slot - 1].DeadlineMs;
    }

    /// <summary>The value at <paramref name="position"/>, or null if the key's TTL has passed at <paramref name="nowMs"/>.</summary>
    public object? LiveValueAt(int position, long nowMs)
    {
        ref KeyEntry entry = ref entries[position];
        return entry.VolatileSlot != 0 && volatiles[entry.VolatileSlot - 1].DeadlineMs <= nowMs ? null : entry.Value;
    }

    /// <summary>True if the key at <paramref name="position"/> has a TTL that has passed at <paramref name="nowMs"/>.</summary>
    public bool IsExpiredAt(int position, long nowMs)
    {
        long deadline = DeadlineAt(position);
        return deadline != NoDeadline && deadline <= nowMs;
    }

    /// <summary>Sets the TTL deadline of the key at <paramref name="position"/>, or clears it with <see cref="NoDeadline"/>.</summary>
    public void SetDeadline(int position, long deadlineMs)
    {
        int slot = entries[position].VolatileSlot;
        if (deadlineMs == NoDeadline)
        {
            if (slot != 0)
            {
                RemoveVolatile(slot - 1);
                entries[position].VolatileSlot = 0;
            }
        }
        else if (slot != 0)
        {
            volatiles[slot - 1].DeadlineMs = deadlineMs;
        }
        else
        {
            ref VolatileKey added = ref volatiles.Add();
            added.DeadlineMs = deadlineMs;
            added.Position = position;
            entries[position].VolatileSlot = volatiles.Count;
        }
    }

    /// <summary>Removes <paramref name="key"/>; false if it was not there.</summary>
    public bool Remove(ReadOnlySpan<byte> key)
    {
        int position = Find(key);
        if (position >= 0)
        {
            RemoveAt(position);
        }

        return position >= 0;
    }

    /// <summary>
    /// Removes the key at <paramref name="position"/> and returns its value (for the caller to release). The last
    /// entry moves into the hole, so only a position at or above <paramref name="position"/> changes.
    /// </summary>
    public object RemoveAt(int position)
    {
        ref KeyEntry removed = ref entries[position];
        object value = removed.Value;
        keys.Free(removed.KeySlot, removed.KeyLength);
        index.Unlink(position, removed.Hash);
        if (removed.VolatileSlot != 0)
        {
            RemoveVolatile(removed.VolatileSlot - 1);
        }

        int last = entries.Count - 1;
        if (position != last)
        {
            ref KeyEntry moved = ref entries[last];
            index.Relink(last, position, moved.Hash);
            if (moved.VolatileSlot != 0)
            {
                volatiles[moved.VolatileSlot - 1].Position = position;
            }

            entries[position] = moved;
        }

        entries.RemoveLast();
        ResizeIfNeeded();
        return value;
    }

    /// <summary>The position of a random key with a TTL (<see cref="VolatileCount"/> must not be 0).</summary>
    public int RandomVolatile(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (volatiles.Count == 0)
        {
            throw new InvalidOperationException("No key has a TTL.");
        }

        return volatiles[random.Next(volatiles.Count)].Position;
    }

    /// <summary>
    /// Moves up to <paramref name="buckets"/> old buckets of a pending migration (the server's spare-time share of
    /// the work); returns the buckets passed, 0 when no migration is pending.
    /// </summary>
    public int Rehash(int buckets)
    {
        int passed = index.Migrate(buckets, buckets);
        ResizeIfNeeded();
        return passed;
    }

    /// <summary>Removes every key (the caller releases the values first) and returns all pages to the collector.</summary>
    public void Clear()
    {
        entries.Clear();
        volatiles.Clear();
        keys.Clear();
        index.Reset(MinBuckets);
    }

    // Swaps the last volatile key into `slot`'s place.
    private void RemoveVolatile(int slot)
    {
        int last = volatiles.Count - 1;
        if (slot != last)
        {
            VolatileKey moved = volatiles[last];
            volatiles[slot] = moved;
            entries[moved.Position].VolatileSlot = slot + 1;
        }

        volatiles.RemoveLast();
    }

    // Grows past one key per bucket (to twice the buckets, or more if a migration held it back); shrinks below one
    // key per eight buckets (to an array about half full). Never while a migration is pending: the chains are
    // longer for that while, as in Redis.
    private void ResizeIfNeeded()
    {
        if (index.IsMigrating)
        {
            return;
        }

        int buckets = index.BucketCount;
        if (entries.Count > buckets && buckets < MaxBuckets)
        {
            index.Resize((int)Math.Min(MaxBuckets, Math.Max(buckets * 2L, BitOperations.RoundUpToPowerOf2((uint)entries.Count))));
        }
        else if (buckets > MinBuckets && entries.Count < buckets / 8)
        {
            index.Resize(Math.Max(MinBuckets, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, entries.Count * 2))));
        }
    }
}
