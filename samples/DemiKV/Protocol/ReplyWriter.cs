using System.Text;
using DemiGen;

namespace DemiKV.Protocol;

/// <summary>
/// Writes RESP2 replies straight into Sgas of the libOS's registered memory, so the bytes a command produces are
/// pushed without another copy. Replies fill fixed-size chunks; a finished chunk waits in order until the
/// connection takes it to push. Chunks not yet taken belong to the writer.
/// </summary>
public sealed class ReplyWriter : IDisposable
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private readonly LibOS os;
    private readonly int chunkBytes;
    private readonly Queue<Sga> finished = new();
    private Sga current;
    private int used;

    /// <summary>Creates a writer that allocates chunks of <paramref name="chunkBytes"/> from <paramref name="os"/>.</summary>
    public ReplyWriter(LibOS os, int chunkBytes = 16 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkBytes, 64 * 1024);
        this.os = os;
        this.chunkBytes = chunkBytes;
    }

    /// <summary>Bytes written and not yet taken.</summary>
    public long PendingBytes { get; private set; }

    /// <summary>True while some written bytes have not been taken yet.</summary>
    public bool HasPending => finished.Count > 0 || used > 0;

    /// <summary>Takes the oldest finished chunk (finishing the current one if nothing else is left); the caller then owns it.</summary>
    /// <exception cref="InvalidOperationException">Nothing is pending.</exception>
    public Sga Take()
    {
        if (!TryTake(out Sga chunk))
        {
            throw new InvalidOperationException("Take: no reply bytes are pending; check HasPending first.");
        }

        return chunk;
    }

    /// <summary>Takes the oldest finished chunk if there is one; the caller then owns it.</summary>
    public bool TryTake(out Sga chunk)
    {
        if (finished.Count == 0 && used > 0)
        {
            FinishCurrent();
        }

        if (finished.TryDequeue(out chunk))
        {
            PendingBytes -= chunk.Length;
            return true;
        }

        return false;
    }

    /// <summary>Writes <c>+text</c>.</summary>
    public void SimpleString(ReadOnlySpan<byte> text)
    {
        WriteByte((byte)'+');
        WriteRaw(text);
        WriteRaw(Crlf);
    }

    /// <summary>Writes <c>+OK</c>.</summary>
    public void Ok() => WriteRaw("+OK\r\n"u8);

    /// <summary>Writes an error reply; <paramref name="message"/> starts with its code (ERR, WRONGTYPE, …) and is sent as Latin-1, so client bytes quoted in it come back unchanged. Line breaks become spaces, as in Redis.</summary>
    public void Error(string message)
    {
        WriteByte((byte)'-');
        int length = Encoding.Latin1.GetByteCount(message);
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.Latin1.GetBytes(message, bytes);
        foreach (ref byte b in bytes)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                b = (byte)' ';
            }
        }

        WriteRaw(bytes);
        WriteRaw(Crlf);
    }

    /// <summary>Writes <c>:value</c>.</summary>
    public void Integer(long value) => Prefixed((byte)':', value);

    /// <summary>Writes a bulk string.</summary>
    public void Bulk(ReadOnlySpan<byte> value)
    {
        Prefixed((byte)'$', value.Length);
        WriteRaw(value);
        WriteRaw(Crlf);
    }

    /// <summary>Writes a bulk string of ASCII/UTF-8 text.</summary>
    public void Bulk(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        Bulk(bytes);
    }

    /// <summary>Writes a bulk string holding <paramref name="value"/> in decimal.</summary>
    public void BulkInteger(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Bulk(digits[..RespNumber.Format(value, digits)]);
    }

    /// <summary>Writes the null bulk string <c>$-1</c>.</summary>
    public void NullBulk() => WriteRaw("$-1\r\n"u8);

    /// <summary>Writes the header of an array of <paramref name="count"/> elements.</summary>
    public void ArrayHeader(long count) => Prefixed((byte)'*', count);

    /// <summary>Writes the null array <c>*-1</c>.</summary>
    public void NullArray() => WriteRaw("*-1\r\n"u8);

    /// <summary>Frees every chunk not yet taken.</summary>
    public void Dispose()
    {
        while (finished.TryDequeue(out Sga chunk))
        {
            os.SgaFree(chunk);
        }

        if (!current.Equals(default(Sga)))
        {
            os.SgaFree(current);
            current = default;
        }

        used = 0;
        PendingBytes = 0;
    }

    private void Prefixed(byte prefix, long value)
    {
        Span<byte> line = stackalloc byte[24];
        line[0] = prefix;
        int n = 1 + RespNumber.Format(value, line[1..]);
        line[n++] = (byte)'\r';
        line[n++] = (byte)'\n';
        WriteRaw(line[..n]);
    }

    private void WriteByte(byte b)
    {
        Span<byte> one = [b];
        WriteRaw(one);
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        PendingBytes += bytes.Length;
        while (!bytes.IsEmpty)
        {
            if (current.Equals(default(Sga)))
            {
                current = os.SgaAlloc(chunkBytes);
                used = 0;
            }

            Span<byte> free = current.Span[used..];
            int n = Math.Min(free.Length, bytes.Length);
            bytes[..n].CopyTo(free);
            used += n;
            bytes = bytes[n..];
            if (used == chunkBytes)
            {
                FinishCurrent();
            }
        }
    }

    private void FinishCurrent()
    {
        current.Trim(used);
        finished.Enqueue(current);
        current = default;
        used = 0;
    }
}
