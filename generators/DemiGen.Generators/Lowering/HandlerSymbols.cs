using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>Recognizes DemiGen's types and handlers, and names the generated coroutine of a handler.</summary>
internal static class HandlerSymbols
{
    public const string HandlerAttributeName = "DemiGen.DemiHandlerAttribute";

    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Display(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    public static bool IsHandler(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == HandlerAttributeName);

    /// <summary>What kind of DemiGen awaitable a type is, or null when it is none.</summary>
    public static AwaitableKind? Classify(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "DemiGen")
        {
            return null;
        }

        return named.MetadataName switch
        {
            "DemiOperation" => AwaitableKind.Operation,
            "WhenAnyOperation" => AwaitableKind.Operation,
            "YieldAwaitable" => AwaitableKind.Yield,
            "DemiTask" => AwaitableKind.Task,
            "DemiTask`1" => AwaitableKind.Task,
            _ => null,
        };
    }

    /// <summary>
    /// The coroutine struct's name: <c>{Method}Coroutine</c>, numbered by declaration order when the handler
    /// name is overloaded in its type.
    /// </summary>
    public static string CoroutineName(IMethodSymbol method)
    {
        IMethodSymbol[] sameName = method.ContainingType.GetMembers(method.Name)
            .OfType<IMethodSymbol>()
            .Where(IsHandler)
            .OrderBy(m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
            .ToArray();
        if (sameName.Length <= 1)
        {
            return method.Name + "Coroutine";
        }

        int index = System.Array.FindIndex(sameName, m => SymbolEqualityComparer.Default.Equals(m, method));
        return method.Name + "Coroutine" + index;
    }

    /// <summary>
    /// The fully qualified name of the coroutine a handler is lowered into; for a generic handler, closed over the
    /// call's type arguments (the definition's own type parameters when <paramref name="method"/> is the definition).
    /// </summary>
    public static string CoroutineFullName(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + CoroutineName(method.OriginalDefinition)
        + TypeArgumentList(method);

    /// <summary><c>&lt;A, B&gt;</c> for a generic method (its type arguments, or its type parameters' names), else empty.</summary>
    public static string TypeArgumentList(IMethodSymbol method) =>
        method.IsGenericMethod ? "<" + string.Join(", ", method.TypeArguments.Select(Display)) + ">" : string.Empty;

    /// <summary>The <c>where</c> clauses of a generic method's type parameters, with fully qualified constraint types.</summary>
    public static IEnumerable<string> ConstraintClauses(IMethodSymbol method)
    {
        foreach (ITypeParameterSymbol parameter in method.TypeParameters)
        {
            List<string> constraints = new();
            if (parameter.HasUnmanagedTypeConstraint)
            {
                constraints.Add("unmanaged");
            }
            else if (parameter.HasValueTypeConstraint)
            {
                constraints.Add("struct");
            }
            else if (parameter.HasReferenceTypeConstraint)
            {
                constraints.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (parameter.HasNotNullConstraint)
            {
                constraints.Add("notnull");
            }

            constraints.AddRange(parameter.ConstraintTypes.Select(Display));
            if (parameter.HasConstructorConstraint)
            {
                constraints.Add("new()");
            }

            if (constraints.Count > 0)
            {
                yield return $"where {parameter.Name} : {string.Join(", ", constraints)}";
            }
        }
    }

    public static bool IsLambdaLike(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;
}

/// <summary>The DemiGen awaitables a handler may await.</summary>
internal enum AwaitableKind
{
    Operation,
    Yield,
    Task,
}
