namespace DemiGen.Analyzers;

/// <summary>The stable ids of every DemiGen diagnostic. A 1xx id is the "on some paths" form of the 0xx rule.</summary>
public static class DiagnosticIds
{
    /// <summary>Sga used while lent to a pending push.</summary>
    public const string UseWhileLent = "DEMI001";

    /// <summary>Sga from a pop or an allocation neither freed nor handed on.</summary>
    public const string Leak = "DEMI002";

    /// <summary>Sga used after SgaFree, or freed twice.</summary>
    public const string UseAfterFree = "DEMI003";

    /// <summary>I/O token never waited or awaited, or completed twice.</summary>
    public const string LostOrDoubleAwait = "DEMI004";

    /// <summary>Blocking call inside a [DemiHandler].</summary>
    public const string BlockingCall = "DEMI005";

    /// <summary>Sga lent to a pending push escapes into a field, collection, closure or out/ref argument.</summary>
    public const string LentEscapes = "DEMI006";

    /// <summary>DEMI001 on some paths.</summary>
    public const string MaybeUseWhileLent = "DEMI101";

    /// <summary>DEMI002 on some paths.</summary>
    public const string MaybeLeak = "DEMI102";

    /// <summary>DEMI003 on some paths.</summary>
    public const string MaybeUseAfterFree = "DEMI103";

    /// <summary>DEMI004 on some paths.</summary>
    public const string MaybeLostOrDoubleAwait = "DEMI104";

    /// <summary>DEMI006 on some paths.</summary>
    public const string MaybeLentEscapes = "DEMI106";
}
