namespace DemiGen;

/// <summary>
/// A scatter-gather array: one or more segments of a libOS's registered memory. A small value type; copies
/// share the buffer, and a generation in the handle makes a copy that outlived its free detectable.
/// </summary>
/// <remarks>
/// Ownership: an Sga from <see cref="LibOS.SgaAlloc"/> or a pop belongs to the app until it frees it with
/// <see cref="LibOS.SgaFree"/>; a push lends it to the libOS until the push's token completes.
/// </remarks>
public readonly struct Sga : IEquatable<Sga>
{
    internal readonly RegisteredMemory? Memory;
    internal readonly int Index;
    internal readonly uint Generation;

    internal Sga(RegisteredMemory memory, int index, uint generation)
    {
        Memory = memory;
        Index = index;
        Generation = generation;
    }

    /// <summary>True for the default Sga, which a pop returns when the peer closed, and for an Sga of zero length.</summary>
    public bool IsEmpty => Memory is null || Memory.LengthOf(this) == 0;

    /// <summary>Total bytes over all segments.</summary>
    public int Length => Memory is null ? 0 : Memory.LengthOf(this);

    /// <summary>How many segments the Sga has (one up to 64 KiB).</summary>
    public int SegmentCount => Memory is null ? 0 : Memory.SegmentCountOf(this);

    /// <summary>The bytes of a single-segment Sga.</summary>
    /// <exception cref="InvalidOperationException">The Sga has several segments; use <see cref="GetSegment"/>.</exception>
    public Span<byte> Span
    {
        get
        {
            if (Memory is null)
            {
                return Span<byte>.Empty;
            }

            if (Memory.SegmentCountOf(this) != 1)
            {
                throw new InvalidOperationException($"{Memory.Describe(this)} has {Memory.SegmentCountOf(this)} segments; use GetSegment(i) or CopyTo.");
            }

            return Memory.Segment(this, 0);
        }
    }

    /// <summary>The bytes of segment <paramref name="segment"/>.</summary>
    public Span<byte> GetSegment(int segment) =>
        Memory is null ? throw new DemiUsageException("GetSegment: the Sga is empty (default); it holds no buffer.") : Memory.Segment(this, segment);

    /// <summary>Shrinks the Sga to <paramref name="length"/> bytes, e.g. after filling only part of it.</summary>
    /// <exception cref="DemiUsageException">The Sga is freed or lent, or shares its buffers with handles from <see cref="LibOS.SgaClone"/>.</exception>
    public void Trim(int length)
    {
        if (Memory is null)
        {
            throw new DemiUsageException("Trim: the Sga is empty (default); it holds no buffer.");
        }

        Memory.Trim(this, length);
    }

    /// <summary>Copies all segments, in order, into <paramref name="destination"/>; returns the bytes copied.</summary>
    public int CopyTo(Span<byte> destination)
    {
        int count = SegmentCount;
        int written = 0;
        for (int i = 0; i < count; i++)
        {
            Span<byte> segment = GetSegment(i);
            if (segment.Length > destination.Length - written)
            {
                throw new ArgumentException($"The destination holds {destination.Length} bytes; the Sga holds {Length}.", nameof(destination));
            }

            segment.CopyTo(destination[written..]);
            written += segment.Length;
        }

        return written;
    }

    /// <summary>Copies <paramref name="source"/> into the Sga from its start, over as many segments as needed.</summary>
    public void CopyFrom(ReadOnlySpan<byte> source)
    {
        if (source.Length > Length)
        {
            throw new ArgumentException($"The source holds {source.Length} bytes; the Sga holds {Length}.", nameof(source));
        }

        for (int i = 0; source.Length > 0; i++)
        {
            Span<byte> segment = GetSegment(i);
            int n = Math.Min(segment.Length, source.Length);
            source[..n].CopyTo(segment);
            source = source[n..];
        }
    }

    /// <summary>A new array with the Sga's bytes (allocates: for tests and diagnostics).</summary>
    public byte[] ToArray()
    {
        byte[] bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <inheritdoc />
    public bool Equals(Sga other) => Memory == other.Memory && Index == other.Index && Generation == other.Generation;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Sga other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Index, Generation);

    /// <summary>True when both name the same buffer handle.</summary>
    public static bool operator ==(Sga left, Sga right) => left.Equals(right);

    /// <summary>True when they name different buffer handles.</summary>
    public static bool operator !=(Sga left, Sga right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Memory is null ? "sga:empty" : $"sga:{Index}.{Generation}";
}
