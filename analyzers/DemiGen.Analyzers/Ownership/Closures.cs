using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// Which variables of a method lambdas and local functions capture. A lambda makes what its captures hold escape
/// when it is created; a local function may run at any call, so variables it captures are not tracked at all.
/// </summary>
internal sealed class Closures
{
    public static readonly Closures None = new(new HashSet<ISymbol>(SymbolEqualityComparer.Default), new HashSet<ISymbol>(SymbolEqualityComparer.Default));

    private readonly HashSet<ISymbol> captured;
    private readonly HashSet<ISymbol> capturedByLocalFunctions;

    private Closures(HashSet<ISymbol> captured, HashSet<ISymbol> capturedByLocalFunctions)
    {
        this.captured = captured;
        this.capturedByLocalFunctions = capturedByLocalFunctions;
    }

    public static Closures Of(SemanticModel model, SyntaxNode body)
    {
        var closures = body.DescendantNodes().Where(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax).ToList();
        if (closures.Count == 0)
        {
            return None;
        }

        var flow = body switch
        {
            StatementSyntax statement => model.AnalyzeDataFlow(statement),
            ExpressionSyntax expression => model.AnalyzeDataFlow(expression),
            _ => null,
        };
        if (flow is null || !flow.Succeeded)
        {
            return None;
        }

        var captured = new HashSet<ISymbol>(flow.Captured, SymbolEqualityComparer.Default);
        var namesInLocalFunctions = new HashSet<string>(closures.OfType<LocalFunctionStatementSyntax>().SelectMany(IdentifiersIn));
        var byLocalFunctions = new HashSet<ISymbol>(captured.Where(symbol => namesInLocalFunctions.Contains(symbol.Name)), SymbolEqualityComparer.Default);
        return new Closures(captured, byLocalFunctions);
    }

    public bool CapturedByLocalFunction(ISymbol variable) => capturedByLocalFunctions.Contains(variable);

    /// <summary>The tracked variables among <paramref name="variables"/> that <paramref name="lambda"/> mentions and captures.</summary>
    public IEnumerable<ISymbol> CapturedBy(IMethodSymbol lambda, IEnumerable<object> variables)
    {
        if (captured.Count == 0 || lambda.DeclaringSyntaxReferences.Length == 0)
        {
            return Enumerable.Empty<ISymbol>();
        }

        var names = new HashSet<string>(IdentifiersIn(lambda.DeclaringSyntaxReferences[0].GetSyntax()));
        return variables.OfType<ISymbol>().Where(v => captured.Contains(v) && names.Contains(v.Name)).ToList();
    }

    private static IEnumerable<string> IdentifiersIn(SyntaxNode node) =>
        node.DescendantNodes().OfType<IdentifierNameSyntax>().Select(identifier => identifier.Identifier.ValueText);
}
