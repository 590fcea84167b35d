namespace DemiGen.Analyzers;

/// <summary>The stable ids of every DemiGen diagnostic. A 1xx id is the "on some paths" form of the 0xx rule.</summary>
public static class DiagnosticIds
{
    public const string UseWhileLent = "DEMI001";
    public const string Leak = "DEMI002";
    public const string UseAfterFree = "DEMI003";
    public const string LostOrDoubleAwait = "DEMI004";
    public const string BlockingCall = "DEMI005";
    public const string LentEscapes = "DEMI006";

    public const string MaybeUseWhileLent = "DEMI101";
    public const string MaybeLeak = "DEMI102";
    public const string MaybeUseAfterFree = "DEMI103";
    public const string MaybeLostOrDoubleAwait = "DEMI104";
    public const string MaybeLentEscapes = "DEMI106";
}
