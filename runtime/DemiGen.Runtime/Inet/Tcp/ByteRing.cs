namespace DemiGen.Inet.Tcp;

/// <summary>
/// A fixed-size circular byte buffer. Bytes are appended at the tail and consumed at the head; bytes can also be
/// written beyond the tail (out-of-order data) and committed later, which is what the reassembly queue uses.
/// </summary>
internal sealed class ByteRing
{
    private readonly byte[] buffer;
    private int head;

    public ByteRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        buffer = new byte[capacity];
    }

    public int Capacity => buffer.Length;

    /// <summary>Committed bytes, readable from the head.</summary>
    public int Count { get; private set; }

    public int Free => buffer.Length - Count;

    /// <summary>Appends as much of <paramref name="data"/> as fits and returns how much that was.</summary>
    public int Append(ReadOnlySpan<byte> data)
    {
        int n = Math.Min(data.Length, Free);
        WriteAt(Count, data[..n]);
        Count += n;
        return n;
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> from the head without committing it.</summary>
    public void WriteAt(int offset, ReadOnlySpan<byte> data)
    {
        if (offset < 0 || offset + data.Length > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        int start = (head + offset) % buffer.Length;
        int first = Math.Min(data.Length, buffer.Length - start);
        data[..first].CopyTo(buffer.AsSpan(start));
        data[first..].CopyTo(buffer);
    }

    /// <summary>Makes <paramref name="n"/> bytes written past the tail readable.</summary>
    public void Commit(int n)
    {
        if (n < 0 || Count + n > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        Count += n;
    }

    /// <summary>Copies bytes starting <paramref name="offset"/> from the head, without consuming them.</summary>
    public void CopyTo(int offset, Span<byte> destination)
    {
        if (offset < 0 || offset + destination.Length > buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        int start = (head + offset) % buffer.Length;
        int first = Math.Min(destination.Length, buffer.Length - start);
        buffer.AsSpan(start, first).CopyTo(destination);
        buffer.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    /// <summary>Drops <paramref name="n"/> committed bytes from the head.</summary>
    public void Discard(int n)
    {
        if (n < 0 || n > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        head = (head + n) % buffer.Length;
        Count -= n;
    }
}
