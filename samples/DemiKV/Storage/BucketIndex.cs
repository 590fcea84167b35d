using System.Runtime.CompilerServices;

namespace DemiKV.Storage;

/// <summary>
/// The hash index of a <see cref="KeyTable"/>: power-of-two bucket arrays of chain heads, the chains linked through
/// the entries' <see cref="KeyEntry.Next"/>. Resizing is incremental, as Redis's <c>dict</c> rehashes: a resize
/// allocates the new array and keeps the old one, and <see cref="Migrate"/> moves a bounded number of old buckets at
/// a time (the table calls it on every lookup, the server in its spare time). While migrating, an old bucket below
/// <see cref="Migrated"/> is empty and every key whose old bucket is at or above it is still in the old array, so
/// each key is in exactly one chain, found from its hash alone (<see cref="Head"/>).
/// </summary>
internal sealed class BucketIndex
{
    private readonly PagedList<KeyEntry> entries;
    private int[] buckets;
    private int[]? old;

    /// <summary>Creates an index of <paramref name="bucketCount"/> (a power of two) empty buckets over <paramref name="entries"/>.</summary>
    public BucketIndex(PagedList<KeyEntry> entries, int bucketCount)
    {
        this.entries = entries;
        buckets = NewBuckets(bucketCount);
    }

    /// <summary>Buckets of the newest array (the one every key is in once migration ends).</summary>
    public int BucketCount => buckets.Length;

    /// <summary>True while keys are being moved from an old bucket array to the newest.</summary>
    public bool IsMigrating => old is not null;

    /// <summary>Old buckets already moved (meaningful while <see cref="IsMigrating"/>).</summary>
    public int Migrated { get; private set; }

    /// <summary>The link (position + 1, or 0) that heads the one chain a key of <paramref name="hash"/> can be in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref int Head(int hash)
    {
        if (old is not null)
        {
            int bucket = hash & (old.Length - 1);
            if (bucket >= Migrated)
            {
                return ref old[bucket];
            }
        }

        return ref buckets[hash & (buckets.Length - 1)];
    }

    /// <summary>Links the entry at <paramref name="position"/>, whose hash is <paramref name="hash"/>, at the head of its chain.</summary>
    public void Insert(int position, int hash)
    {
        ref int head = ref Head(hash);
        entries[position].Next = head;
        head = position + 1;
    }

    /// <summary>Unlinks the entry at <paramref name="position"/> (hash <paramref name="hash"/>) from its chain.</summary>
    public void Unlink(int position, int hash)
    {
        ref int link = ref FindLink(position, hash);
        link = entries[position].Next;
    }

    /// <summary>Points the link to the entry at <paramref name="from"/> (hash <paramref name="hash"/>) at <paramref name="to"/>, where the entry is moving.</summary>
    public void Relink(int from, int to, int hash)
    {
        ref int link = ref FindLink(from, hash);
        link = to + 1;
    }

    /// <summary>
    /// Starts moving every key into a new array of <paramref name="bucketCount"/> buckets (a power of two; larger to
    /// grow, smaller to shrink). Only when not <see cref="IsMigrating"/>.
    /// </summary>
    public void Resize(int bucketCount)
    {
        if (old is not null)
        {
            throw new InvalidOperationException("A resize is already migrating.");
        }

        old = buckets;
        buckets = NewBuckets(bucketCount);
        Migrated = 0;
    }

    /// <summary>
    /// Moves up to <paramref name="maxBuckets"/> non-empty old buckets into the newest array, passing over at most
    /// <paramref name="maxEmpty"/> empty ones (so one call's work stays bounded in a sparse array). Ends the
    /// migration when the last old bucket is moved. Returns the old buckets passed (moved or empty).
    /// </summary>
    public int Migrate(int maxBuckets, int maxEmpty)
    {
        if (old is null)
        {
            return 0;
        }

        int mask = buckets.Length - 1;
        int moved = 0;
        int empty = 0;
        while (Migrated < old.Length && moved < maxBuckets && empty < maxEmpty)
        {
            int link = old[Migrated];
            if (link == 0)
            {
                empty++;
            }
            else
            {
                old[Migrated] = 0;
                while (link != 0)
                {
                    ref KeyEntry entry = ref entries[link - 1];
                    int next = entry.Next;
                    ref int head = ref buckets[entry.Hash & mask];
                    entry.Next = head;
                    head = link;
                    link = next;
                }

                moved++;
            }

            Migrated++;
        }

        int passed = moved + empty;

        if (Migrated == old.Length)
        {
            old = null;
            Migrated = 0;
        }

        return passed;
    }

    /// <summary>Drops every link: <paramref name="bucketCount"/> empty buckets, no migration.</summary>
    public void Reset(int bucketCount)
    {
        buckets = NewBuckets(bucketCount);
        old = null;
        Migrated = 0;
    }

    private static int[] NewBuckets(int count)
    {
        if (count < 1 || (count & (count - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A bucket count is a power of two.");
        }

        return new int[count];
    }

    // The link that points at the entry at `position`: its chain's head or the Next of the entry before it.
    private ref int FindLink(int position, int hash)
    {
        ref int link = ref Head(hash);
        while (link != 0)
        {
            if (link == position + 1)
            {
                return ref link;
            }

            link = ref entries[link - 1].Next;
        }

        throw new InvalidOperationException($"The entry at {position} is not in its bucket's chain.");
    }
}
