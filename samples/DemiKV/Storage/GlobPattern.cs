namespace DemiKV.Storage;

/// <summary>Redis's glob matching for KEYS and SCAN MATCH: <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[^a-z]</c> and <c>\</c> escapes.</summary>
public static class GlobPattern
{
    /// <summary>True if <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text)
    {
        int p = 0;
        int s = 0;
        while (p < pattern.Length && s < text.Length)
        {
            switch (pattern[p])
            {
                case (byte)'*':
                    while (p + 1 < pattern.Length && pattern[p + 1] == (byte)'*')
                    {
                        p++;
                    }

                    if (p + 1 == pattern.Length)
                    {
                        return true;
                    }

                    for (; s < text.Length; s++)
                    {
                        if (IsMatch(pattern[(p + 1)..], text[s..]))
                        {
                            return true;
                        }
                    }

                    return false;
                case (byte)'?':
                    s++;
                    break;
                case (byte)'[':
                    if (!MatchClass(pattern, ref p, text[s]))
                    {
                        return false;
                    }

                    s++;
                    break;
                default:
                    if (pattern[p] == (byte)'\\' && pattern.Length - p >= 2)
                    {
                        p++;
                    }

                    if (pattern[p] != text[s])
                    {
                        return false;
                    }

                    s++;
                    break;
            }

            p++;
            if (s == text.Length)
            {
                while (p < pattern.Length && pattern[p] == (byte)'*')
                {
                    p++;
                }

                break;
            }
        }

        return p == pattern.Length && s == text.Length;
    }

    // On entry p is at '['; on exit p is at the closing ']' (or the last pattern byte when unclosed).
    private static bool MatchClass(ReadOnlySpan<byte> pattern, ref int p, byte c)
    {
        p++;
        bool negate = p < pattern.Length && pattern[p] == (byte)'^';
        if (negate)
        {
            p++;
        }

        bool matched = false;
        while (true)
        {
            if (p >= pattern.Length)
            {
                p = pattern.Length - 1;
                break;
            }

            if (pattern[p] == (byte)'\\' && pattern.Length - p >= 2)
            {
                p++;
                matched |= pattern[p] == c;
            }
            else if (pattern[p] == (byte)']')
            {
                break;
            }
            else if (pattern.Length - p >= 3 && pattern[p + 1] == (byte)'-')
            {
                byte start = pattern[p];
                byte end = pattern[p + 2];
                if (start > end)
                {
                    (start, end) = (end, start);
                }

                p += 2;
                matched |= c >= start && c <= end;
            }
            else
            {
                matched |= pattern[p] == c;
            }

            p++;
        }

        return negate ? !matched : matched;
    }
}
