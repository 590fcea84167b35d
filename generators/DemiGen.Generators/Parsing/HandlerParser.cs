using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DemiGen.Generators.Lowering;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Parsing;

/// <summary>Turns a <c>[DemiHandler]</c> method into its model; a handler the lowering rejects yields none (the analyzer reports why).</summary>
internal static class HandlerParser
{
    public static HandlerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not MethodDeclarationSyntax method || context.TargetSymbol is not IMethodSymbol symbol)
        {
            return null;
        }

        LoweredBody lowered = HandlerLowerer.Lower(method, symbol, context.SemanticModel, cancellationToken);
        if (lowered.Problems.Count > 0)
        {
            return null;
        }

        string? ns = symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString();
        List<ContainingTypeModel> types = new();
        for (INamedTypeSymbol? type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            types.Insert(0, new ContainingTypeModel(Keyword(type), type.Name, type.IsStatic));
        }

        IParameterSymbol? libOS = symbol.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "DemiGen.LibOS");
        string coroutine = HandlerSymbols.CoroutineName(symbol);
        string hint = string.Join(".", new[] { ns }.Concat(types.Select(t => t.Name)).Where(s => s is not null)) + "." + coroutine + ".g.cs";
        return new HandlerModel(
            hint.TrimStart('.'),
            method.SyntaxTree.FilePath,
            context.SemanticModel.GetNullableContext(method.SpanStart).AnnotationsEnabled(),
            EquatableArray.From(Usings(method)),
            ns,
            EquatableArray.From(types),
            symbol.Name,
            coroutine,
            HandlerSymbols.TypeArgumentList(symbol),
            EquatableArray.From(HandlerSymbols.ConstraintClauses(symbol)),
            lowered.ResultType,
            lowered.ReceiverType,
            symbol.ContainingType.IsValueType,
            StartParameters(method),
            libOS?.Name,
            libOS is not null && IsOnlyRead(libOS, method, context.SemanticModel),
            EquatableArray.From(lowered.Parameters),
            EquatableArray.From(lowered.Fields),
            EquatableArray.From(lowered.Dispatch),
            EquatableArray.From(lowered.Body));
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>The using directives in scope at the handler, so its copied code binds the same names.</summary>
    private static IEnumerable<string> Usings(SyntaxNode method)
    {
        foreach (SyntaxNode ancestor in method.Ancestors())
        {
            SyntaxList<UsingDirectiveSyntax> usings = ancestor switch
            {
                CompilationUnitSyntax unit => unit.Usings,
                BaseNamespaceDeclarationSyntax ns => ns.Usings,
                _ => default,
            };
            foreach (UsingDirectiveSyntax directive in usings)
            {
                if (!directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                {
                    yield return directive.WithoutTrivia().ToString();
                }
            }
        }
    }

    /// <summary>
    /// Whether the body never writes <paramref name="parameter"/> (no assignment, no ref or out argument): then its
    /// value is always the libOS the coroutine was started on, which the task context carries.
    /// </summary>
    private static bool IsOnlyRead(IParameterSymbol parameter, MethodDeclarationSyntax method, SemanticModel model)
    {
        SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression;
        if (body is null)
        {
            return false;
        }

        DataFlowAnalysis? flow = model.AnalyzeDataFlow(body);
        return flow is { Succeeded: true } && !flow.WrittenInside.Contains(parameter, SymbolEqualityComparer.Default);
    }

    /// <summary>The handler's parameter list as written (defaults and names included), for the coroutine's <c>__Start</c>.</summary>
    private static string StartParameters(MethodDeclarationSyntax method) => string.Join(
        ", ",
        method.ParameterList.Parameters.Select(p => p.WithModifiers(default).WithoutTrivia().ToString()));
}
