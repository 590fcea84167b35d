using Microsoft.CodeAnalysis;

namespace DemiGen.Analyzers;

/// <summary>Every diagnostic the DemiGen analyzers report; definite violations are errors, "on some paths" ones warnings.</summary>
internal static class Descriptors
{
    private const string Category = "DemiGen.Ownership";
    // Relative to the repository root: the docs ship with the source, one page per id.
    private const string HelpRoot = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor UseWhileLent = Create(
        DiagnosticIds.UseWhileLent, "Sga used while lent to a pending push",
        "'{0}' is lent to a pending push; {1} must wait until the push's token has completed",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MaybeUseWhileLent = Create(
        DiagnosticIds.MaybeUseWhileLent, "Sga may be used while lent to a pending push",
        "'{0}' may still be lent to a pending push on some paths; {1} must wait until the push's token has completed",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor Leak = Create(
        DiagnosticIds.Leak, "Sga is never freed",
        "The Sga obtained here is neither freed nor handed on before it goes out of reach; call SgaFree",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MaybeLeak = Create(
        DiagnosticIds.MaybeLeak, "Sga is not freed on some paths",
        "The Sga obtained here is neither freed nor handed on along some path; call SgaFree on every path",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UseAfterFree = Create(
        DiagnosticIds.UseAfterFree, "Sga used after SgaFree",
        "'{0}' was already freed; {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MaybeUseAfterFree = Create(
        DiagnosticIds.MaybeUseAfterFree, "Sga may be used after SgaFree",
        "'{0}' was freed on some paths; {1}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LostOrDoubleAwait = Create(
        DiagnosticIds.LostOrDoubleAwait, "I/O token lost or awaited twice",
        "{0}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MaybeLostOrDoubleAwait = Create(
        DiagnosticIds.MaybeLostOrDoubleAwait, "I/O token lost or awaited twice on some paths",
        "{0} on some paths",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor BlockingCall = Create(
        DiagnosticIds.BlockingCall, "Blocking call inside a DemiGen handler",
        "{0} blocks the libOS thread and stalls every connection; use an awaitable DemiGen operation instead",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LentEscapes = Create(
        DiagnosticIds.LentEscapes, "Sga lent to a pending push escapes",
        "'{0}' is lent to a pending push and escapes into {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MaybeLentEscapes = Create(
        DiagnosticIds.MaybeLentEscapes, "Sga that may be lent to a pending push escapes",
        "'{0}' may be lent to a pending push on some paths and escapes into {1}",
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpRoot + id + ".md");
}
