using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using DemiGen;

namespace DemiKV.Protocol;

/// <summary>
/// Writes RESP2 replies straight into Sgas of the libOS's registered memory, so the bytes a command produces are
/// pushed without another copy. Replies fill fixed-size chunks; a finished chunk waits in order until the
/// connection takes it to push. Chunks not yet taken belong to the writer.
/// </summary>
/// <remarks>
/// The writer keeps the address of the chunk it fills: registered memory is native and never moves, and the chunk
/// is the writer's own until it is taken, so a reply costs one bounds check and plain stores instead of a checked
/// Sga access per piece.
/// </remarks>
public sealed unsafe class ReplyWriter : IDisposable
{
    // The longest a RESP line prefix can be: one type byte, 20 digits of a long (with its sign), CRLF.
    private const int MaxPrefixBytes = 1 + 20 + 2;

    private readonly LibOS os;
    private readonly int chunkBytes;
    private readonly Queue<Sga> finished = new();
    private Sga current;
    private byte* buffer;
    private int used;

    /// <summary>Creates a writer that allocates chunks of <paramref name="chunkBytes"/> from <paramref name="os"/>.</summary>
    public ReplyWriter(LibOS os, int chunkBytes = 64 * 1024)
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
        if (text.Length <= chunkBytes - 3)
        {
            byte* at = Reserve(text.Length + 3);
            *at = (byte)'+';
            text.CopyTo(new Span<byte>(at + 1, text.Length));
            WriteCrlf(at + 1 + text.Length);
            used += text.Length + 3;
            PendingBytes += text.Length + 3;
            return;
        }

        WriteRaw("+"u8);
        WriteRaw(text);
        WriteRaw("\r\n"u8);
    }

    /// <summary>Writes <c>+OK</c>.</summary>
    public void Ok() => WriteSmall("+OK\r\n"u8);

    /// <summary>Writes an error reply; <paramref name="message"/> starts with its code (ERR, WRONGTYPE, …) and is sent as Latin-1, so client bytes quoted in it come back unchanged. Line breaks become spaces, as in Redis.</summary>
    public void Error(string message)
    {
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

        WriteRaw("-"u8);
        WriteRaw(bytes);
        WriteRaw("\r\n"u8);
    }

    /// <summary>Writes <c>:value</c>.</summary>
    public void Integer(long value) => Prefixed((byte)':', value);

    /// <summary>Writes a bulk string.</summary>
    public void Bulk(ReadOnlySpan<byte> value)
    {
        // The common case (a value that fits the chunk with its prefix) is one reservation and two stores around a copy.
        if (value.Length <= chunkBytes - MaxPrefixBytes - 2)
        {
            byte* at = Reserve(value.Length + MaxPrefixBytes + 2);
            int n = WritePrefix(at, (byte)'$', value.Length);
            CopyValue(value, at + n);
            n += value.Length;
            WriteCrlf(at + n);
            n += 2;
            used += n;
            PendingBytes += n;
            return;
        }

        Prefixed((byte)'$', value.Length);
        WriteRaw(value);
        WriteRaw("\r\n"u8);
    }

    /// <summary>
    /// Writes a bulk string whose bytes are pushed as they are, not copied: <c>$len\r\n</c> ends the current chunk,
    /// <paramref name="value"/> follows as a reply piece of its own, and the closing CRLF starts the next chunk. The
    /// writer owns <paramref name="value"/> from now on (a clone of a stored value, <see cref="LibOS.SgaClone"/>) and
    /// hands it out through <see cref="Take"/> like a chunk.
    /// </summary>
    public void Bulk([TakesOwnership] Sga value)
    {
        int length = value.Length;
        Prefixed((byte)'$', length);
        FinishCurrent();
        finished.Enqueue(value);
        PendingBytes += length;
        WriteSmall("\r\n"u8);
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
    public void NullBulk() => WriteSmall("$-1\r\n"u8);

    /// <summary>Writes the header of an array of <paramref name="count"/> elements.</summary>
    public void ArrayHeader(long count) => Prefixed((byte)'*', count);

    /// <summary>Writes the null array <c>*-1</c>.</summary>
    public void NullArray() => WriteSmall("*-1\r\n"u8);

    /// <summary>Frees every chunk not yet taken.</summary>
    public void Dispose()
    {
        while (finished.TryDequeue(out Sga chunk))
        {
            os.SgaFree(chunk);
        }

        if (buffer != null)
        {
            os.SgaFree(current);
            current = default;
            buffer = null;
        }

        used = 0;
        PendingBytes = 0;
    }

    // A few bytes (a list element, a counter) are stored one by one: the call into the general copy costs more than
    // they do.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyValue(ReadOnlySpan<byte> value, byte* at)
    {
        if (value.Length <= 8)
        {
            for (int i = 0; i < value.Length; i++)
            {
                at[i] = value[i];
            }
        }
        else
        {
            value.CopyTo(new Span<byte>(at, value.Length));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteCrlf(byte* at) => Unsafe.WriteUnaligned(at, (ushort)('\r' | ('\n' << 8)));

    // Writes prefix, value in decimal and CRLF at `at`, which has room for MaxPrefixBytes; returns the bytes written.
    private static int WritePrefix(byte* at, byte prefix, long value)
    {
        *at = prefix;
        int n;
        if ((ulong)value < 10)
        {
            at[1] = (byte)('0' + value);
            n = 2;
        }
        else
        {
            n = 1 + RespNumber.Format(value, new Span<byte>(at + 1, 20));
        }

        WriteCrlf(at + n);
        return n + 2;
    }

    private void Prefixed(byte prefix, long value)
    {
        byte* at = Reserve(MaxPrefixBytes);
        int n = WritePrefix(at, prefix, value);
        used += n;
        PendingBytes += n;
    }

    // A constant reply of a few bytes.
    private void WriteSmall(ReadOnlySpan<byte> bytes)
    {
        byte* at = Reserve(bytes.Length);
        bytes.CopyTo(new Span<byte>(at, bytes.Length));
        used += bytes.Length;
        PendingBytes += bytes.Length;
    }

    /// <summary>Where the next <paramref name="bytes"/> (at most a chunk) go in one piece: the current chunk if they fit, else a new one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Reserve(int bytes)
    {
        if (buffer == null || chunkBytes - used < bytes)
        {
            NextChunk();
        }

        return buffer + used;
    }

    private void NextChunk()
    {
        if (buffer != null)
        {
            FinishCurrent();
        }

        current = os.SgaAlloc(chunkBytes);
        buffer = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(current.Span));
        used = 0;
    }

    // Bytes of any length, spread over as many chunks as they need.
    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        PendingBytes += bytes.Length;
        while (!bytes.IsEmpty)
        {
            if (buffer == null || used == chunkBytes)
            {
                NextChunk();
            }

            int n = Math.Min(chunkBytes - used, bytes.Length);
            bytes[..n].CopyTo(new Span<byte>(buffer + used, n));
            used += n;
            bytes = bytes[n..];
        }
    }

    private void FinishCurrent()
    {
        current.Trim(used);
        finished.Enqueue(current);
        current = default;
        buffer = null;
        used = 0;
    }
}
