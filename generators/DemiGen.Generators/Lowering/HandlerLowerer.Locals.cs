using System.Collections.Generic;
using System.Linq;
using DemiGen.Generators.Diagnostics;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

internal sealed partial class HandlerLowerer
{
    private readonly Dictionary<ILocalSymbol, string> localNames = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, string> hoistedFields = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Gives every local a name unique in the handler (flattening merges block scopes) and hoists into fields
    /// only the locals an await may separate from a later read: an await after the declaration in the local's
    /// scope followed by a use or with a use earlier in its own statement, or an await and a use inside the same loop.
    /// </summary>
    private void AnalyzeLocals(SyntaxNode body)
    {
        HashSet<string> taken = new(symbol.Parameters.Select(p => p.Name));
        List<(ILocalSymbol Local, SyntaxNode Declaration)> declared = new();
        foreach (SyntaxNode node in body.DescendantNodes(n => !HandlerSymbols.IsLambdaLike(n)))
        {
            ISymbol? local = node switch
            {
                VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax or CatchDeclarationSyntax
                    => model.GetDeclaredSymbol(node, cancellationToken),
                _ => null,
            };
            if (local is ILocalSymbol { IsConst: false } variable && !localNames.ContainsKey(variable))
            {
                string name = variable.Name;
                for (int n = 1; !taken.Add(name); n++)
                {
                    name = variable.Name + "_" + n;
                }

                localNames.Add(variable, name);
                declared.Add((variable, node));
            }
        }

        if (declared.Count == 0)
        {
            return;
        }

        Dictionary<ILocalSymbol, List<int>> references = new(SymbolEqualityComparer.Default);
        foreach (IdentifierNameSyntax identifier in body.DescendantNodes(n => !HandlerSymbols.IsLambdaLike(n)).OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local && localNames.ContainsKey(local))
            {
                if (!references.TryGetValue(local, out List<int>? positions))
                {
                    references[local] = positions = new List<int>();
                }

                positions.Add(identifier.SpanStart);
            }
        }

        foreach ((ILocalSymbol local, SyntaxNode declaration) in declared)
        {
            SyntaxNode scope = ScopeOf(declaration);
            references.TryGetValue(local, out List<int>? uses);
            if (!LivesAcrossAwait(declaration, scope, uses ?? new List<int>()))
            {
                continue;
            }

            if (local.Type.IsRefLikeType)
            {
                Report(DiagnosticDescriptors.RefStructAcrossAwait, declaration, local.Name, local.Type.ToDisplayString());
                continue;
            }

            if (declaration is SingleVariableDesignationSyntax designation && !CanHoistDesignation(designation))
            {
                ReportUnsupported(declaration, $"The variable '{local.Name}' of a switch pattern or a foreach deconstruction used across an await");
                continue;
            }

            string field = localNames[local];
            if (!model.LookupSymbols(method.SpanStart, name: field).IsEmpty)
            {
                field = "__" + field;
            }

            hoistedFields.Add(local, field);
            fields.Add(new FieldModel(field, HandlerSymbols.Display(local.Type)));
        }
    }

    private bool LivesAcrossAwait(SyntaxNode declaration, SyntaxNode scope, List<int> uses)
    {
        bool disposedAtScopeEnd = declaration.Parent?.Parent is UsingStatementSyntax
            || (declaration.Parent?.Parent is LocalDeclarationStatementSyntax statement && statement.UsingKeyword.Span.Length > 0);
        // An await in the declaration's own initializer runs before the variable exists.
        int declaredAt = declaration is ForEachStatementSyntax forEach ? forEach.Identifier.Span.End
            : DeconstructionStatement(declaration) is { } deconstruction ? deconstruction.Span.End
            : declaration.Span.End;
        foreach (AwaitExpressionSyntax awaitExpression in Awaits(scope))
        {
            int at = awaitExpression.SpanStart;
            if (at < declaredAt)
            {
                continue;
            }

            // A use after the await reads the variable after a resume; so does one earlier in the await's own
            // statement (`x + await F()`): the lowered statement reads x when the awaited value arrives.
            StatementSyntax? awaitStatement = awaitExpression.FirstAncestorOrSelf<StatementSyntax>();
            if (disposedAtScopeEnd || uses.Any(u => u > at || (u >= declaredAt && awaitStatement is not null && awaitStatement.Span.Contains(u))))
            {
                return true;
            }

            for (SyntaxNode? loop = awaitExpression.Parent; loop is not null && loop != scope.Parent; loop = loop.Parent)
            {
                if (loop is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
                    && loop.SpanStart >= scope.SpanStart
                    && uses.Any(u => loop.Span.Contains(u)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The statement <c>var (x, y) = e;</c> a deconstruction variable is declared by (its value arrives after e's awaits).</summary>
    private static ExpressionStatementSyntax? DeconstructionStatement(SyntaxNode declaration)
    {
        SyntaxNode? node = declaration.Parent;
        while (node is ParenthesizedVariableDesignationSyntax or DeclarationExpressionSyntax or ArgumentSyntax or TupleExpressionSyntax)
        {
            node = node.Parent;
        }

        return node is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assignment && assignment.Left.Span.Contains(declaration.Span)
            ? statement
            : null;
    }

    /// <summary>The node a local's scope spans: its block, or the statement that declares it.</summary>
    private static SyntaxNode ScopeOf(SyntaxNode declaration)
    {
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax statement }:
                return statement.Parent!;
            case VariableDeclaratorSyntax { Parent.Parent: { } owner }:
                return owner;
            case ForEachStatementSyntax forEach:
                return forEach;
            case CatchDeclarationSyntax catchDeclaration:
                return catchDeclaration.Parent!;
        }

        SyntaxNode? statementNode = declaration.FirstAncestorOrSelf<StatementSyntax>();
        return statementNode switch
        {
            IfStatementSyntax or ExpressionStatementSyntax or LocalDeclarationStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax
                => statementNode.Parent!,
            null => declaration,
            _ => statementNode,
        };
    }

    /// <summary>The name a local has in the generated code: its field when hoisted, else its unique local name.</summary>
    private bool TryGetLocalName(ILocalSymbol local, out string name)
    {
        if (hoistedFields.TryGetValue(local, out string? field))
        {
            name = field;
            return true;
        }

        if (localNames.TryGetValue(local, out string? renamed))
        {
            name = renamed;
            return true;
        }

        name = local.Name;
        return false;
    }

    private bool IsHoisted(ISymbol? local) => local is ILocalSymbol l && hoistedFields.ContainsKey(l);
}
