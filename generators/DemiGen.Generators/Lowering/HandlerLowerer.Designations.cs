using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>
/// Pattern and <c>out</c> variables that live across an await become fields: <c>out var x</c> passes the field,
/// and <c>e is T x</c> binds a fresh local and then copies it into the field when the pattern matches.
/// </summary>
internal sealed partial class HandlerLowerer
{
    /// <summary>True for an <c>out var x</c> argument, a deconstruction statement's variable, or a designation in the pattern of an <c>is</c> expression.</summary>
    private static bool CanHoistDesignation(SingleVariableDesignationSyntax designation)
    {
        if ((designation.Parent is DeclarationExpressionSyntax { Parent: ArgumentSyntax argument } && argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
            || DeconstructionStatement(designation) is not null)
        {
            return true;
        }

        return PatternOwner(designation) is IsPatternExpressionSyntax;
    }

    /// <summary>The expression whose pattern holds <paramref name="designation"/> (an <c>is</c>, a switch arm, ...), or null.</summary>
    private static SyntaxNode? PatternOwner(SyntaxNode designation)
    {
        SyntaxNode? node = designation.Parent;
        while (node is PatternSyntax or SubpatternSyntax or PropertyPatternClauseSyntax or PositionalPatternClauseSyntax or VariableDesignationSyntax)
        {
            node = node.Parent;
        }

        return node;
    }

    /// <summary><c>out var x</c> with <c>x</c> hoisted: the argument is the field itself.</summary>
    private string? HoistedOutVariable(DeclarationExpressionSyntax declaration) =>
        declaration.Parent is ArgumentSyntax && declaration.Designation is SingleVariableDesignationSyntax designation
            && model.GetDeclaredSymbol(designation, cancellationToken) is ILocalSymbol local && IsHoisted(local)
            ? hoistedFields[local]
            : null;

    /// <summary>
    /// The target of <c>var (x, y) = e</c> or <c>(int x, T y) = e</c> with hoisted variables written as their fields:
    /// <c>(x, var y)</c>. Null when none is hoisted (the declaration is copied as written).
    /// </summary>
    private string? HoistedDeconstructionTarget(ExpressionSyntax left)
    {
        bool any = left.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>()
            .Any(d => IsHoisted(model.GetDeclaredSymbol(d, cancellationToken)));
        return any ? Target(left) : null;

        string Target(ExpressionSyntax part) => part switch
        {
            TupleExpressionSyntax tuple => "(" + string.Join(", ", tuple.Arguments.Select(a => Target(a.Expression))) + ")",
            DeclarationExpressionSyntax declaration => Designated(declaration.Designation, declaration.Type),
            _ => Render(part),
        };

        string Designated(VariableDesignationSyntax designation, TypeSyntax type) => designation switch
        {
            ParenthesizedVariableDesignationSyntax group => "(" + string.Join(", ", group.Variables.Select(v => Designated(v, type))) + ")",
            SingleVariableDesignationSyntax single when model.GetDeclaredSymbol(single, cancellationToken) is ILocalSymbol local
                => IsHoisted(local) ? hoistedFields[local] : $"{Render(type)} {localNames[local]}",
            _ => "_",
        };
    }

    /// <summary>
    /// <c>e is T x</c> with <c>x</c> hoisted: <c>(e is T __pv0 &amp;&amp; (x = __pv0) is var _)</c>, the same truth
    /// value, with the field set exactly when the pattern matched.
    /// </summary>
    private string? HoistedPatternVariables(IsPatternExpressionSyntax isPattern)
    {
        List<(string Field, string Temporary)> copies = new();
        Dictionary<SyntaxNode, string> renamed = overrides is null ? new() : overrides.ToDictionary(p => p.Key, p => p.Value);
        foreach (SingleVariableDesignationSyntax designation in isPattern.Pattern.DescendantNodesAndSelf().OfType<SingleVariableDesignationSyntax>())
        {
            if (model.GetDeclaredSymbol(designation, cancellationToken) is ILocalSymbol local && IsHoisted(local))
            {
                string temporary = $"__pv{nextTemp++}";
                renamed[designation] = temporary;
                copies.Add((hoistedFields[local], temporary));
            }
        }

        if (copies.Count == 0)
        {
            return null;
        }

        StringBuilder text = new("(");
        text.Append(Render(isPattern.Expression, renamed)).Append(" is ").Append(Render(isPattern.Pattern, renamed));
        foreach ((string field, string temporary) in copies)
        {
            text.Append($" && ({field} = {temporary}) is var _");
        }

        return text.Append(')').ToString();
    }
}
