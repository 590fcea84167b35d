using System.Numerics;
using System.Text;

namespace DemiKV.Protocol;

/// <summary>
/// A number with the precision and range of the x87 80-bit long double that Redis's INCRBYFLOAT computes in: a
/// 64-bit mantissa and a binary exponent. Parsing, adding and printing are exact to the last bit (worked out on
/// big integers, rounded to nearest, ties to even, as the C library does), so results print as Redis prints them,
/// binary noise included (12345.678 prints as 12345.67799999999999994).
/// </summary>
public readonly struct ExtendedFloat
{
    // Redis refuses longer numbers outright (MAX_LONG_DOUBLE_CHARS).
    private const int MaxChars = 5 * 1024;

    // The binary exponent of the mantissa's lowest bit for the smallest subnormal, and the largest allowed for it.
    private const int MinExponent = -16382 - 63;
    private const int MaxExponent = 16383 - 63;

    private readonly BigInteger mantissa;
    private readonly int exponent;

    private ExtendedFloat(BigInteger mantissa, int exponent, bool infinite)
    {
        this.mantissa = mantissa;
        this.exponent = exponent;
        IsInfinity = infinite;
    }

    /// <summary>True for ±infinity (the sign is the mantissa's).</summary>
    public bool IsInfinity { get; }

    /// <summary>
    /// Parses a number as Redis's strtold-based parser accepts it: optional sign, then decimal digits with an
    /// optional point and exponent, hex digits after "0x" with an optional point and binary exponent ("p"), or
    /// "inf"/"infinity"; no surrounding spaces, not NaN, and not a finite number that overflows or underflows to zero.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out ExtendedFloat value)
    {
        value = default;
        if (text.Length == 0 || text.Length > MaxChars)
        {
            return false;
        }

        int i = 0;
        bool negative = text[0] == '-';
        if (text[0] is (byte)'-' or (byte)'+')
        {
            i++;
        }

        ReadOnlySpan<byte> rest = text[i..];
        if (Ascii.EqualsIgnoreCase(rest, "inf"u8) || Ascii.EqualsIgnoreCase(rest, "infinity"u8))
        {
            value = new ExtendedFloat(negative ? BigInteger.MinusOne : BigInteger.One, 0, infinite: true);
            return true;
        }

        if (rest.Length > 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x')
        {
            return TryParseHex(rest[2..], negative, out value);
        }

        if (!TryParseDigits(rest, 10, (byte)'e', 1, out BigInteger digits, out long scale))
        {
            return false;
        }

        if (digits.IsZero)
        {
            value = default;
            return true;
        }

        // Far outside the range either way (digits are at most MaxChars long): overflow or underflow, both refused.
        if (scale > MaxChars * 2 || scale < -MaxChars * 4)
        {
            return false;
        }

        BigInteger signed = negative ? -digits : digits;
        value = scale >= 0 ? Round(signed * BigInteger.Pow(10, (int)scale), BigInteger.One, 0) : Round(signed, BigInteger.Pow(10, (int)-scale), 0);
        return !value.IsInfinity && !value.mantissa.IsZero;
    }

    /// <summary>The sum, rounded to the format; infinite if it overflows. Null when it is not a number (inf - inf).</summary>
    public static ExtendedFloat? Add(ExtendedFloat a, ExtendedFloat b)
    {
        if (a.IsInfinity || b.IsInfinity)
        {
            if (a.IsInfinity && b.IsInfinity && a.mantissa.Sign != b.mantissa.Sign)
            {
                return null;
            }

            return a.IsInfinity ? a : b;
        }

        int low = Math.Min(a.exponent, b.exponent);
        BigInteger sum = (a.mantissa << (a.exponent - low)) + (b.mantissa << (b.exponent - low));
        return Round(sum, BigInteger.One, low);
    }

    /// <summary>
    /// Prints as Redis stores an INCRBYFLOAT result: printf's "%.17Lf" (fixed point, 17 decimals, rounded to
    /// nearest) with trailing zeros, and then a trailing point, removed.
    /// </summary>
    public override string ToString()
    {
        BigInteger scaled = Round(BigInteger.Abs(mantissa) * BigInteger.Pow(10, 17), exponent);
        string digits = scaled.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(18, '0');
        string text = digits[..^17] + "." + digits[^17..];
        text = text.TrimEnd('0').TrimEnd('.');
        return mantissa.Sign < 0 ? "-" + text : text;
    }

    // value × 2^exponent rounded to an integer, ties to even (value ≥ 0).
    private static BigInteger Round(BigInteger value, int exponent)
    {
        if (exponent >= 0)
        {
            return value << exponent;
        }

        BigInteger quotient = value >> -exponent;
        BigInteger remainder = value - (quotient << -exponent);
        BigInteger half = BigInteger.One << (-exponent - 1);
        return remainder > half || (remainder == half && !quotient.IsEven) ? quotient + 1 : quotient;
    }

    // numerator / denominator × 2^exponent rounded to a 64-bit mantissa, ties to even; subnormal at the bottom of the
    // range and infinite past its top.
    private static ExtendedFloat Round(BigInteger numerator, BigInteger denominator, int exponent)
    {
        if (numerator.IsZero)
        {
            return default;
        }

        int sign = numerator.Sign;
        BigInteger magnitude = BigInteger.Abs(numerator);
        int shift = (int)(magnitude.GetBitLength() - denominator.GetBitLength()) - 64;
        while (true)
        {
            int lowBit = Math.Max(exponent + shift, MinExponent);
            int s = lowBit - exponent;
            BigInteger scaledNumerator = s >= 0 ? magnitude : magnitude << -s;
            BigInteger scaledDenominator = s >= 0 ? denominator << s : denominator;
            BigInteger quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger remainder);
            if (quotient.GetBitLength() > 64)
            {
                shift++;
                continue;
            }

            if (quotient.GetBitLength() < 64 && lowBit > MinExponent)
            {
                shift--;
                continue;
            }

            BigInteger twice = remainder * 2;
            if (twice > scaledDenominator || (twice == scaledDenominator && !quotient.IsEven))
            {
                quotient++;
            }

            if (quotient.GetBitLength() > 64)
            {
                quotient >>= 1;
                lowBit++;
            }

            if (lowBit > MaxExponent)
            {
                return new ExtendedFloat(sign, 0, infinite: true);
            }

            return new ExtendedFloat(sign * quotient, lowBit, infinite: false);
        }
    }

    // Hex digits with an optional point, then an optional binary exponent: 0x1.8p3 is 12.
    private static bool TryParseHex(ReadOnlySpan<byte> text, bool negative, out ExtendedFloat value)
    {
        value = default;
        if (!TryParseDigits(text, 16, (byte)'p', 4, out BigInteger digits, out long scale))
        {
            return false;
        }

        if (digits.IsZero)
        {
            return true;
        }

        // Past the range either way, whatever the digits (at most MaxChars of them).
        if (scale > MaxChars * 4 + 16384 || scale < MinExponent - (MaxChars * 4) - 2)
        {
            return false;
        }

        value = Round(negative ? -digits : digits, BigInteger.One, (int)scale);
        return !value.IsInfinity && !value.mantissa.IsZero;
    }

    // Digits of `radix` with at most one point, then optionally the exponent letter and a decimal exponent, and nothing
    // else. `digits` is every digit as one integer; `scale` is the exponent minus `scalePerFractionDigit` per digit
    // after the point (a power of 10 for decimal, of 2 for hex).
    private static bool TryParseDigits(ReadOnlySpan<byte> text, int radix, byte exponentLetter, int scalePerFractionDigit, out BigInteger digits, out long scale)
    {
        digits = BigInteger.Zero;
        scale = 0;
        bool anyDigit = false;
        bool point = false;
        int i = 0;
        for (; i < text.Length && (IsDigit(text[i], radix) || (text[i] == '.' && !point)); i++)
        {
            if (text[i] == '.')
            {
                point = true;
                continue;
            }

            digits = (digits * radix) + (char.IsAsciiDigit((char)text[i]) ? text[i] - '0' : (text[i] | 0x20) - 'a' + 10);
            anyDigit = true;
            scale -= point ? scalePerFractionDigit : 0;
        }

        if (!anyDigit)
        {
            return false;
        }

        if (i < text.Length && (text[i] | 0x20) == exponentLetter)
        {
            if (!TryParseExponent(text[(i + 1)..], out long power))
            {
                return false;
            }

            scale += power;
            return true;
        }

        return i == text.Length;
    }

    private static bool IsDigit(byte b, int radix) => radix == 16 ? char.IsAsciiHexDigit((char)b) : char.IsAsciiDigit((char)b);

    private static bool TryParseExponent(ReadOnlySpan<byte> text, out long power)
    {
        power = 0;
        int i = text.Length > 0 && text[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (i == text.Length)
        {
            return false;
        }

        for (int j = i; j < text.Length; j++)
        {
            if (!char.IsAsciiDigit((char)text[j]))
            {
                return false;
            }

            // Saturate: any exponent this large already over- or underflows.
            power = Math.Min((power * 10) + (text[j] - '0'), 1_000_000);
        }

        power = text[0] == '-' ? -power : power;
        return true;
    }
}
