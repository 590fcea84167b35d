namespace DemiKV.Protocol;

/// <summary>
/// Parses RESP2 requests (multibulk and inline) from a connection's bytes without copying them: arguments are
/// slices of the caller's buffer. A request split over several pops is resumed where the last call stopped, so
/// the caller passes the same pending bytes again with the new ones appended. Errors and limits follow Redis's
/// <c>processMultibulkBuffer</c> and <c>processInlineBuffer</c>.
/// </summary>
public sealed class RespParser
{
    private readonly RespLimits limits;
    private readonly InlineSplitter inline = new();
    private ArgSlice[] slices = new ArgSlice[16];
    private int argCount;
    private int position;
    private long expectedArgs = -1;
    private long bulkLength = -1;

    /// <summary>Creates a parser with <paramref name="limits"/>.</summary>
    public RespParser(RespLimits limits) => this.limits = limits;

    /// <summary>The reply text of the last <see cref="ParseStatus.ProtocolError"/> (without the "-ERR " prefix).</summary>
    public string ErrorMessage { get; private set; } = string.Empty;

    /// <summary>After <see cref="ParseStatus.Incomplete"/>: how many bytes from the request's start are needed before it can progress.</summary>
    public long BytesNeeded { get; private set; }

    /// <summary>True while a request has been started but not finished.</summary>
    public bool InProgress => position > 0;

    /// <summary>
    /// Parses the request at the start of <paramref name="input"/>. On <see cref="ParseStatus.Command"/> the
    /// arguments view <paramref name="input"/> (or, for inline requests, the parser's own decoded copy) and are
    /// valid until the next call.
    /// </summary>
    public ParseStatus Parse(ReadOnlySpan<byte> input, out Arguments arguments, out int consumed)
    {
        arguments = default;
        consumed = 0;
        if (input.IsEmpty)
        {
            BytesNeeded = 1;
            return ParseStatus.Incomplete;
        }

        ParseStatus status = input[0] == (byte)'*' ? ParseMultibulk(input, out consumed) : ParseInline(input, out consumed);
        switch (status)
        {
            case ParseStatus.Command:
                arguments = input[0] == (byte)'*'
                    ? new Arguments(input, slices.AsSpan(0, argCount))
                    : new Arguments(inline.Decoded, inline.Slices);
                Reset();
                break;
            case ParseStatus.Empty:
            case ParseStatus.ProtocolError:
                Reset();
                break;
        }

        return status;
    }

    /// <summary>Forgets a started request (e.g. when the connection is dropped).</summary>
    public void Reset()
    {
        argCount = 0;
        position = 0;
        expectedArgs = -1;
        bulkLength = -1;
    }

    private ParseStatus ParseMultibulk(ReadOnlySpan<byte> input, out int consumed)
    {
        consumed = 0;
        if (expectedArgs < 0)
        {
            if (!TryShortNumberLine(input, out long count, out int cr))
            {
                cr = input.IndexOf((byte)'\r');
                if (cr < 0)
                {
                    return NeedLine(input, "too big mbulk count string");
                }

                if (cr > input.Length - 2)
                {
                    return NeedMore(input.Length + 1);
                }

                if (!RespNumber.TryParseInt64(input[1..cr], out count))
                {
                    return Fail("invalid multibulk length");
                }
            }

            if (count > limits.MaxMultibulkCount)
            {
                return Fail("invalid multibulk length");
            }

            position = cr + 2;
            if (count <= 0)
            {
                consumed = position;
                return ParseStatus.Empty;
            }

            expectedArgs = count;
        }

        while (argCount < expectedArgs)
        {
            ReadOnlySpan<byte> rest = input[position..];
            if (bulkLength < 0)
            {
                if (rest.IsEmpty || rest[0] != (byte)'$' || !TryShortNumberLine(rest, out long length, out int cr))
                {
                    cr = rest.IndexOf((byte)'\r');
                    if (cr < 0)
                    {
                        return NeedLine(rest, "too big bulk count string");
                    }

                    if (cr > rest.Length - 2)
                    {
                        return NeedMore(input.Length + 1);
                    }

                    if (rest[0] != (byte)'$')
                    {
                        return Fail($"expected '$', got '{(char)rest[0]}'");
                    }

                    if (!RespNumber.TryParseInt64(rest[1..cr], out length) || length < 0)
                    {
                        return Fail("invalid bulk length");
                    }
                }

                if (length > limits.MaxBulkLength)
                {
                    return Fail("invalid bulk length");
                }

                bulkLength = length;
                position += cr + 2;
                rest = input[position..];
            }

            // Like Redis, the two bytes after the data are skipped, not checked.
            if (rest.Length < bulkLength + 2)
            {
                return NeedMore(position + bulkLength + 2);
            }

            AddSlice(new ArgSlice(position, (int)bulkLength));
            position += (int)bulkLength + 2;
            bulkLength = -1;
        }

        consumed = position;
        return ParseStatus.Command;
    }

    /// <summary>
    /// The shape every client sends, in one pass: a type byte, 1 to 18 digits without a leading zero (or a lone 0),
    /// CR and one more byte. Anything else is left to the general path, which gives the exact error or waits for more.
    /// </summary>
    private static bool TryShortNumberLine(ReadOnlySpan<byte> line, out long value, out int cr)
    {
        value = 0;
        cr = 1;
        while (cr < line.Length && cr <= 18)
        {
            uint digit = (uint)(line[cr] - '0');
            if (digit > 9)
            {
                break;
            }

            value = (value * 10) + digit;
            cr++;
        }

        return cr > 1 && cr <= line.Length - 2 && line[cr] == (byte)'\r' && (line[1] != (byte)'0' || cr == 2);
    }

    private ParseStatus ParseInline(ReadOnlySpan<byte> input, out int consumed)
    {
        consumed = 0;
        int newline = input[position..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (input.Length > limits.MaxInlineLength)
            {
                return Fail("too big inline request");
            }

            // Remember how far we looked, so the next call scans only the new bytes.
            position = input.Length;
            return NeedMore(input.Length + 1);
        }

        newline += position;
        int lineLength = newline > 0 && input[newline - 1] == (byte)'\r' ? newline - 1 : newline;
        if (!inline.Split(input[..lineLength]))
        {
            return Fail("unbalanced quotes in request");
        }

        consumed = newline + 1;
        return inline.Slices.Length == 0 ? ParseStatus.Empty : ParseStatus.Command;
    }

    private ParseStatus NeedLine(ReadOnlySpan<byte> rest, string tooBig)
    {
        if (rest.Length > limits.MaxInlineLength)
        {
            return Fail(tooBig);
        }

        return NeedMore(position + rest.Length + 1);
    }

    private ParseStatus NeedMore(long bytes)
    {
        BytesNeeded = bytes;
        return ParseStatus.Incomplete;
    }

    private ParseStatus Fail(string message)
    {
        ErrorMessage = "Protocol error: " + message;
        return ParseStatus.ProtocolError;
    }

    private void AddSlice(ArgSlice slice)
    {
        if (argCount == slices.Length)
        {
            Array.Resize(ref slices, slices.Length * 2);
        }

        slices[argCount++] = slice;
    }
}
