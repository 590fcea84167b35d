namespace DemiGen.Analyzers.Ownership;

/// <summary>How an operation touches a buffer, which decides the rules it is checked against and the message.</summary>
internal enum UseKind
{
    /// <summary>Reads or writes the data (Span, CopyTo, CopyFrom, ...).</summary>
    Access,

    /// <summary>Asks only for the length or emptiness: allowed while lent, not after free.</summary>
    Metadata,

    Push,
    Free,

    /// <summary>Passes the buffer to a method that borrows it.</summary>
    Pass,

    /// <summary>Gives the buffer to a [TakesOwnership] parameter or returns it.</summary>
    HandOn,
}

internal static class UseKindText
{
    public static string WhileLent(UseKind kind) => kind switch
    {
        UseKind.Push => "pushing it again",
        UseKind.Free => "freeing it",
        UseKind.Pass => "passing it on",
        UseKind.HandOn => "handing it on",
        _ => "reading or writing it",
    };

    public static string AfterFree(UseKind kind) => kind switch
    {
        UseKind.Free => "freeing it again is a double free",
        UseKind.Push => "pushing it is a use after free",
        UseKind.Pass => "passing it on is a use after free",
        UseKind.HandOn => "handing it on is a use after free",
        UseKind.Metadata => "asking its length is a use after free",
        _ => "reading or writing it is a use after free",
    };
}
