namespace DemiKV.Commands;

/// <summary>Redis's error replies, word for word, so clients that match on them behave the same.</summary>
public static class ErrorReplies
{
    /// <summary>A value of another type is stored under the key.</summary>
    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    /// <summary>An argument or stored value is not a 64-bit integer.</summary>
    public const string NotInteger = "ERR value is not an integer or out of range";

    /// <summary>A hash field's value is not an integer (HINCRBY).</summary>
    public const string HashNotInteger = "ERR hash value is not an integer";

    /// <summary>Options that do not fit the command.</summary>
    public const string Syntax = "ERR syntax error";

    /// <summary>INCR-family overflow.</summary>
    public const string Overflow = "ERR increment or decrement would overflow";

    /// <summary>A count that must be positive is negative.</summary>
    public const string MustBePositive = "ERR value is out of range, must be positive";

    /// <summary>SELECT of a database that does not exist.</summary>
    public const string DbOutOfRange = "ERR DB index is out of range";

    /// <summary>APPEND past proto-max-bulk-len.</summary>
    public const string StringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    /// <summary>A SCAN cursor that is not an unsigned integer.</summary>
    public const string InvalidCursor = "ERR invalid cursor";

    /// <summary>LSET, RENAME and RENAMENX of a key that does not exist.</summary>
    public const string NoSuchKey = "ERR no such key";

    /// <summary>LSET of an index past either end of the list.</summary>
    public const string IndexOutOfRange = "ERR index out of range";

    /// <summary>SETRANGE and GETRANGE-family offsets below zero.</summary>
    public const string OffsetOutOfRange = "ERR offset is out of range";

    /// <summary>A signed count outside ±(2^63 - 1), which Redis cannot negate (SRANDMEMBER).</summary>
    public const string CountOutOfRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

    /// <summary>INCRBYFLOAT of an argument or stored value that is not a number.</summary>
    public const string NotFloat = "ERR value is not a valid float";

    /// <summary>INCRBYFLOAT whose sum is infinite or not a number.</summary>
    public const string NanOrInfinity = "ERR increment would produce NaN or Infinity";

    /// <summary>Wrong argument count for <paramref name="command"/> (its lower-case full name).</summary>
    public static string Arity(string command) => $"ERR wrong number of arguments for '{command}' command";

    /// <summary>A non-positive or overflowing TTL given to <paramref name="command"/>.</summary>
    public static string InvalidExpire(string command) => $"ERR invalid expire time in '{command}' command";

    /// <summary>An unknown subcommand of <paramref name="command"/>.</summary>
    public static string UnknownSubcommand(string subcommand, string command) =>
        $"ERR unknown subcommand '{Truncate(subcommand)}'. Try {command.ToUpperInvariant()} HELP.";

    private static string Truncate(string text) => text.Length > 128 ? text[..128] : text;
}
