namespace DemiGen.Inet.Tcp;

/// <summary>
/// Sorted, disjoint, non-adjacent sequence ranges [left, right) with a fixed capacity: the receiver's out-of-order
/// map (the source of its SACK blocks) and the sender's SACK scoreboard. Fixed storage, so no allocation per segment.
/// </summary>
internal sealed class SeqRangeSet
{
    private readonly SackBlock[] ranges;
    private SeqNumber mostRecentLeft;

    public SeqRangeSet(int capacity) => ranges = new SackBlock[capacity];

    public int Count { get; private set; }

    public SackBlock this[int index] => ranges[index];

    /// <summary>The highest right edge, or <paramref name="fallback"/> when empty.</summary>
    public SeqNumber HighestRight(SeqNumber fallback) => Count == 0 ? fallback : ranges[Count - 1].Right;

    /// <summary>The total bytes covered.</summary>
    public long TotalBytes
    {
        get
        {
            long n = 0;
            for (int i = 0; i < Count; i++)
            {
                n += ranges[i].Right - ranges[i].Left;
            }

            return n;
        }
    }

    public void Clear() => Count = 0;

    /// <summary>Adds [left, right), merging with neighbours; false when the set is full and the range could not be kept.</summary>
    public bool Add(SeqNumber left, SeqNumber right)
    {
        if (right <= left)
        {
            return true;
        }

        int i = 0;
        while (i < Count && ranges[i].Right < left)
        {
            i++;
        }

        // ranges[i] is the first that ends at or after left: merge every range that touches [left, right).
        int j = i;
        while (j < Count && ranges[j].Left <= right)
        {
            left = SeqNumber.Min(left, ranges[j].Left);
            right = SeqNumber.Max(right, ranges[j].Right);
            j++;
        }

        int merged = j - i;
        if (merged == 0)
        {
            if (Count == ranges.Length)
            {
                return false;
            }

            Array.Copy(ranges, i, ranges, i + 1, Count - i);
            Count++;
        }
        else if (merged > 1)
        {
            Array.Copy(ranges, j, ranges, i + 1, Count - j);
            Count -= merged - 1;
        }

        ranges[i] = new SackBlock(left, right);
        mostRecentLeft = left;
        return true;
    }

    /// <summary>Forgets everything below <paramref name="seq"/>.</summary>
    public void RemoveBelow(SeqNumber seq)
    {
        int drop = 0;
        while (drop < Count && ranges[drop].Right <= seq)
        {
            drop++;
        }

        if (drop > 0)
        {
            Array.Copy(ranges, drop, ranges, 0, Count - drop);
            Count -= drop;
        }

        if (Count > 0 && ranges[0].Left < seq)
        {
            ranges[0] = new SackBlock(seq, ranges[0].Right);
        }
    }

    /// <summary>If <paramref name="seq"/> is inside a range, that range's right edge; otherwise false.</summary>
    public bool Contains(SeqNumber seq, out SeqNumber right)
    {
        for (int i = 0; i < Count; i++)
        {
            if (ranges[i].Left <= seq && seq < ranges[i].Right)
            {
                right = ranges[i].Right;
                return true;
            }
        }

        right = default;
        return false;
    }

    /// <summary>The first range starting after <paramref name="seq"/>'s position, its left edge, or <paramref name="limit"/>.</summary>
    public SeqNumber NextLeftAfter(SeqNumber seq, SeqNumber limit)
    {
        for (int i = 0; i < Count; i++)
        {
            if (ranges[i].Left > seq)
            {
                return SeqNumber.Min(ranges[i].Left, limit);
            }
        }

        return limit;
    }

    /// <summary>
    /// The left edge of the highest range below which more than <paramref name="bytes"/> are covered above, or
    /// <paramref name="fallback"/> when the ranges hold fewer bytes (RFC 6675's IsLost, counted in bytes).
    /// </summary>
    public SeqNumber EdgeWithCoveredAbove(long bytes, SeqNumber fallback)
    {
        long above = 0;
        for (int i = Count - 1; i >= 0; i--)
        {
            above += ranges[i].Right - ranges[i].Left;
            if (above > bytes)
            {
                return ranges[i].Left;
            }
        }

        return fallback;
    }

    /// <summary>Bytes of [from, to) that some range covers.</summary>
    public long CoveredBytes(SeqNumber from, SeqNumber to) => to <= from ? 0 : (to - from) - UncoveredBytes(from, to);

    /// <summary>Bytes of [from, to) that no range covers.</summary>
    public long UncoveredBytes(SeqNumber from, SeqNumber to)
    {
        if (to <= from)
        {
            return 0;
        }

        long n = to - from;
        for (int i = 0; i < Count; i++)
        {
            SeqNumber l = SeqNumber.Max(ranges[i].Left, from);
            SeqNumber r = SeqNumber.Min(ranges[i].Right, to);
            if (r > l)
            {
                n -= r - l;
            }
        }

        return n;
    }

    /// <summary>
    /// Writes up to <paramref name="max"/> blocks into <paramref name="options"/>: first the range holding the most
    /// recently added bytes (RFC 2018 §4), then the others from the lowest up.
    /// </summary>
    public void WriteSackBlocks(ref TcpOptions options, int max)
    {
        int first = -1;
        for (int i = 0; i < Count; i++)
        {
            if (ranges[i].Left <= mostRecentLeft && mostRecentLeft < ranges[i].Right)
            {
                first = i;
                break;
            }
        }

        if (first >= 0 && options.SackCount < max)
        {
            options.AddSack(ranges[first].Left, ranges[first].Right);
        }

        for (int i = 0; i < Count && options.SackCount < max; i++)
        {
            if (i != first)
            {
                options.AddSack(ranges[i].Left, ranges[i].Right);
            }
        }
    }
}
