using Microsoft.CodeAnalysis;

namespace DemiGen.Generators.Diagnostics;

/// <summary>The DEMIG rules: each one names a construct the coroutine lowering does not support.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "DemiGen.Handlers";

    public static readonly DiagnosticDescriptor NotInPartialType = Create(
        "DEMIG001",
        "Handler must be declared in a partial type",
        "[DemiHandler] '{0}' is declared in '{1}', which is not partial; the generated coroutine is nested in the handler's type");

    public static readonly DiagnosticDescriptor WrongSignature = Create(
        "DEMIG002",
        "Handler must be an async method returning DemiTask or DemiTask<T>",
        "[DemiHandler] '{0}' must be an async method that returns DemiTask or DemiTask<T>");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Create(
        "DEMIG003",
        "Handler parameter cannot be by-reference or a ref struct",
        "Parameter '{0}' of [DemiHandler] '{1}' is {2}; handler parameters are stored in the coroutine and must be passed by value");

    public static readonly DiagnosticDescriptor UnsupportedHandlerShape = Create(
        "DEMIG004",
        "Handler must be a method of a non-generic, accessible type (instance handlers: of a class or struct)",
        "[DemiHandler] '{0}' is {1}; handlers must be static methods, or instance methods of classes or structs (not ref structs), in non-generic types that are at least internal, with no type parameter that allows ref structs");

    public static readonly DiagnosticDescriptor RefStructAcrossAwait = Create(
        "DEMIG005",
        "A ref struct local cannot live across an await",
        "Local '{0}' of ref struct type '{1}' is used after an await; the coroutine would have to store it in a field");

    public static readonly DiagnosticDescriptor LockInHandler = Create(
        "DEMIG006",
        "lock is not allowed in a handler",
        "A lock statement is not allowed in [DemiHandler] '{0}'; handlers run on one libOS thread and need no locks");

    public static readonly DiagnosticDescriptor YieldInHandler = Create(
        "DEMIG007",
        "yield is not allowed in a handler",
        "A yield statement is not allowed in [DemiHandler] '{0}'");

    public static readonly DiagnosticDescriptor ForeignAwait = Create(
        "DEMIG008",
        "Only DemiGen operations and handlers can be awaited in a handler",
        "[DemiHandler] '{0}' awaits a '{1}'; only DemiOperation, WhenAnyOperation, YieldAwaitable, DemiTask and DemiTask<T> can be awaited");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Create(
        "DEMIG009",
        "Unsupported construct in a handler",
        "{0} is not supported in [DemiHandler] '{1}'");

    public static readonly DiagnosticDescriptor UnsupportedAwaitPosition = Create(
        "DEMIG010",
        "await in an unsupported expression position",
        "An await inside {0} is not supported in [DemiHandler] '{1}'; await into a local first");

    public static readonly DiagnosticDescriptor CapturingLambda = Create(
        "DEMIG011",
        "A lambda or local function in a handler cannot capture its locals or parameters",
        "The lambda or local function captures '{0}' of [DemiHandler] '{1}'; pass it as an argument or make the function static");

    public static readonly DiagnosticDescriptor HandlerAsMethodGroup = Create(
        "DEMIG012",
        "A handler can only be called directly",
        "[DemiHandler] '{0}' is used as a method group; only direct calls run the generated coroutine");

    private static DiagnosticDescriptor Create(string id, string title, string message) => new(
        id,
        title,
        message,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: $"docs/diagnostics/{id}.md");
}
