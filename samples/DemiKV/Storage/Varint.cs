using System.Runtime.CompilerServices;

namespace DemiKV.Storage;

/// <summary>
/// Lengths stored in 7-bit groups, low bits first, the top bit set on every byte but the last: one byte up to 127,
/// two up to 16,383, three up to 2,097,151, five at most. The length prefixes of <see cref="PackedEntries"/> and
/// <see cref="ListNode"/> are written forward; a list element's back-length is the same bytes in reverse order, so a
/// walk from an element's end reads its low bits first and stops at the byte whose top bit is clear.
/// </summary>
internal static class Varint
{
    /// <summary>How many bytes <paramref name="value"/> (≥ 0) takes.</summary>
    public static int Length(int value) =>
        value < 1 << 7 ? 1 : value < 1 << 14 ? 2 : value < 1 << 21 ? 3 : value < 1 << 28 ? 4 : 5;

    /// <summary>Reads the varint at <paramref name="offset"/> into <paramref name="value"/>; returns the offset just past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read(byte[] buffer, int offset, out int value)
    {
        byte first = buffer[offset];
        if (first < 0x80)
        {
            value = first;
            return offset + 1;
        }

        return ReadLonger(buffer, offset, out value);
    }

    /// <summary>Writes <paramref name="value"/> (≥ 0) at <paramref name="offset"/>; returns the offset just past it.</summary>
    public static int Write(byte[] buffer, int offset, int value)
    {
        uint rest = (uint)value;
        while (rest >= 0x80)
        {
            buffer[offset++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        buffer[offset++] = (byte)rest;
        return offset;
    }

    /// <summary>Writes <paramref name="value"/> (≥ 0) at <paramref name="offset"/> with its bytes in reverse order, to be read by <see cref="ReadBackward"/>; returns the offset just past it.</summary>
    public static int WriteReversed(byte[] buffer, int offset, int value)
    {
        int end = Write(buffer, offset, value);
        buffer.AsSpan(offset, end - offset).Reverse();
        return end;
    }

    /// <summary>Reads the reversed varint that ends just before <paramref name="end"/> into <paramref name="value"/>; returns the offset of its first byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadBackward(byte[] buffer, int end, out int value)
    {
        byte last = buffer[end - 1];
        if (last < 0x80)
        {
            value = last;
            return end - 1;
        }

        return ReadBackwardLonger(buffer, end, out value);
    }

    private static int ReadLonger(byte[] buffer, int offset, out int value)
    {
        int at = offset;
        int shift = 0;
        value = 0;
        byte next;
        do
        {
            next = buffer[at++];
            value |= (next & 0x7F) << shift;
            shift += 7;
        }
        while (next >= 0x80);

        return at;
    }

    private static int ReadBackwardLonger(byte[] buffer, int end, out int value)
    {
        int at = end;
        int shift = 0;
        value = 0;
        byte next;
        do
        {
            next = buffer[--at];
            value |= (next & 0x7F) << shift;
            shift += 7;
        }
        while (next >= 0x80);

        return at;
    }
}
