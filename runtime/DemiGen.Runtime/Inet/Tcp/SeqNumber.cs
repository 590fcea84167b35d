namespace DemiGen.Inet.Tcp;

/// <summary>
/// A TCP sequence number: 32-bit serial arithmetic (RFC 1982 / RFC 9293 §3.4), so comparisons stay right across
/// the 2^32 wraparound as long as the two numbers are less than 2^31 apart.
/// </summary>
internal readonly record struct SeqNumber(uint Value)
{
    public static SeqNumber operator +(SeqNumber a, int delta) => new(unchecked(a.Value + (uint)delta));

    public static SeqNumber operator +(SeqNumber a, uint delta) => new(unchecked(a.Value + delta));

    public static SeqNumber operator -(SeqNumber a, int delta) => new(unchecked(a.Value - (uint)delta));

    /// <summary>The signed distance <c>a - b</c>.</summary>
    public static int operator -(SeqNumber a, SeqNumber b) => unchecked((int)(a.Value - b.Value));

    public static bool operator <(SeqNumber a, SeqNumber b) => (a - b) < 0;

    public static bool operator >(SeqNumber a, SeqNumber b) => (a - b) > 0;

    public static bool operator <=(SeqNumber a, SeqNumber b) => (a - b) <= 0;

    public static bool operator >=(SeqNumber a, SeqNumber b) => (a - b) >= 0;

    public static SeqNumber Max(SeqNumber a, SeqNumber b) => a > b ? a : b;

    public static SeqNumber Min(SeqNumber a, SeqNumber b) => a < b ? a : b;

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
