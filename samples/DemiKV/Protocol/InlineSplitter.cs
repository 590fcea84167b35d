namespace DemiKV.Protocol;

/// <summary>
/// Splits an inline request line into arguments with the quoting rules of Redis's <c>sdssplitargs</c>: blanks
/// separate arguments, "double quotes" take \n \r \t \b \a \xHH and \c escapes, 'single quotes' take \' only, a
/// closing quote must be followed by a blank or the end, and a NUL byte ends the line. Quoted arguments need
/// decoding, so inline arguments are copied into this splitter's own buffer.
/// </summary>
internal sealed class InlineSplitter
{
    private byte[] decoded = new byte[256];
    private ArgSlice[] slices = new ArgSlice[8];
    private int decodedLength;
    private int count;

    /// <summary>The decoded bytes the slices point into.</summary>
    public ReadOnlySpan<byte> Decoded => decoded.AsSpan(0, decodedLength);

    /// <summary>The arguments of the last successful split.</summary>
    public ReadOnlySpan<ArgSlice> Slices => slices.AsSpan(0, count);

    /// <summary>Splits <paramref name="line"/> (without its line ending); false on unbalanced quotes.</summary>
    public bool Split(ReadOnlySpan<byte> line)
    {
        decodedLength = 0;
        count = 0;
        if (decoded.Length < line.Length)
        {
            decoded = new byte[Math.Max(line.Length, decoded.Length * 2)];
        }

        int p = 0;
        while (true)
        {
            while (p < line.Length && IsSpace(line[p]))
            {
                p++;
            }

            if (At(line, p) == 0)
            {
                return true;
            }

            int start = decodedLength;
            if (!ReadArgument(line, ref p))
            {
                count = 0;
                return false;
            }

            AddSlice(new ArgSlice(start, decodedLength - start));
        }
    }

    private bool ReadArgument(ReadOnlySpan<byte> line, ref int p)
    {
        bool inDouble = false;
        bool inSingle = false;
        while (true)
        {
            byte c = At(line, p);
            if (inDouble)
            {
                if (c == (byte)'\\' && At(line, p + 1) == (byte)'x' && IsHex(At(line, p + 2)) && IsHex(At(line, p + 3)))
                {
                    Append((byte)((HexValue(At(line, p + 2)) << 4) | HexValue(At(line, p + 3))));
                    p += 3;
                }
                else if (c == (byte)'\\' && At(line, p + 1) != 0)
                {
                    p++;
                    Append(At(line, p) switch
                    {
                        (byte)'n' => (byte)'\n',
                        (byte)'r' => (byte)'\r',
                        (byte)'t' => (byte)'\t',
                        (byte)'b' => (byte)'\b',
                        (byte)'a' => (byte)'\a',
                        byte other => other,
                    });
                }
                else if (c == (byte)'"')
                {
                    return CloseQuote(line, ref p);
                }
                else if (c == 0)
                {
                    return false;
                }
                else
                {
                    Append(c);
                }
            }
            else if (inSingle)
            {
                if (c == (byte)'\\' && At(line, p + 1) == (byte)'\'')
                {
                    p++;
                    Append((byte)'\'');
                }
                else if (c == (byte)'\'')
                {
                    return CloseQuote(line, ref p);
                }
                else if (c == 0)
                {
                    return false;
                }
                else
                {
                    Append(c);
                }
            }
            else
            {
                switch (c)
                {
                    case (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0:
                        if (c != 0)
                        {
                            p++;
                        }

                        return true;
                    case (byte)'"':
                        inDouble = true;
                        break;
                    case (byte)'\'':
                        inSingle = true;
                        break;
                    default:
                        Append(c);
                        break;
                }
            }

            p++;
        }
    }

    // A closing quote ends the argument only when a blank or the end of the line follows it.
    private static bool CloseQuote(ReadOnlySpan<byte> line, ref int p)
    {
        byte next = At(line, p + 1);
        if (next != 0 && !IsSpace(next))
        {
            return false;
        }

        p++;
        return true;
    }

    private static byte At(ReadOnlySpan<byte> line, int index) => index < line.Length ? line[index] : (byte)0;

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private void Append(byte b) => decoded[decodedLength++] = b;

    private void AddSlice(ArgSlice slice)
    {
        if (count == slices.Length)
        {
            Array.Resize(ref slices, slices.Length * 2);
        }

        slices[count++] = slice;
    }
}
