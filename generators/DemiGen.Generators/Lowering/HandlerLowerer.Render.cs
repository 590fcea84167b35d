using System.Collections.Generic;
using System.Text;
using DemiGen.Generators.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>
/// Turns user code that holds no await into generated text, keeping its formatting and comments: renamed and
/// hoisted locals, handler calls routed to their coroutines, and break/continue/return turned into jumps and
/// completions where the construct they leave was flattened.
/// </summary>
internal sealed partial class HandlerLowerer
{
    private IReadOnlyDictionary<SyntaxNode, string>? overrides;

    /// <summary>The text of <paramref name="node"/> without its outer trivia; <paramref name="replaced"/> substitutes whole subtrees (spilled operands).</summary>
    private string Render(SyntaxNode node, IReadOnlyDictionary<SyntaxNode, string>? replaced = null)
    {
        IReadOnlyDictionary<SyntaxNode, string>? saved = overrides;
        overrides = replaced ?? overrides;
        StringBuilder text = new();
        Write(node, text, node.GetFirstToken(), node.GetLastToken());
        overrides = saved;
        return text.ToString();
    }

    private void Write(SyntaxNode node, StringBuilder text, SyntaxToken first, SyntaxToken last)
    {
        string? replacement = overrides is not null && overrides.TryGetValue(node, out string? given) ? given : Replace(node);
        if (replacement is not null)
        {
            if (node.GetFirstToken() != first)
            {
                text.Append(node.GetLeadingTrivia().ToFullString());
            }

            text.Append(replacement);
            if (node.GetLastToken() != last)
            {
                text.Append(node.GetTrailingTrivia().ToFullString());
            }

            return;
        }

        foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
        {
            if (child.AsNode() is { } childNode)
            {
                Write(childNode, text, first, last);
            }
            else
            {
                SyntaxToken token = child.AsToken();
                if (token != first)
                {
                    text.Append(token.LeadingTrivia.ToFullString());
                }

                text.Append(RenamedDeclaration(token) ?? token.Text);
                if (token != last)
                {
                    text.Append(token.TrailingTrivia.ToFullString());
                }
            }
        }
    }

    private string? Replace(SyntaxNode node)
    {
        switch (node)
        {
            case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local:
                return TryGetLocalName(local, out string name) ? name : null;
            case InvocationExpressionSyntax invocation when HandlerCallee(invocation) is { IsStatic: false } instanceHandler:
                return InstanceHandlerCall(invocation, instanceHandler);
            case ThisExpressionSyntax when receiverType is not null:
                return ReceiverField;
            case SimpleNameSyntax member when IsImplicitThisMember(member):
                return ReceiverField + "." + member.WithoutTrivia().ToString();
            case ExpressionSyntax expression when expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression:
                return HandlerCallee(invocation) is { } callee ? HandlerSymbols.CoroutineFullName(callee) + ".__Start" : null;
            case LocalDeclarationStatementSyntax declaration when !declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) && HasHoisted(declaration.Declaration):
                return RenderDeclaration(declaration.Declaration);
            case BreakStatementSyntax when JumpTarget(node, isContinue: false) is { } target:
                return JumpText(target.Owner, target.BreakLabel);
            case ContinueStatementSyntax when JumpTarget(node, isContinue: true) is { ContinueLabel: { } label } target:
                return JumpText(target.Owner, label);
            case ReturnStatementSyntax ret when !IsInsideLambda(ret):
                return ReturnText(ret.Expression is null ? null : Render(ret.Expression));
            case ThrowStatementSyntax thrown when RethrowText(thrown) is { } rethrow:
                return rethrow;
            case DeclarationExpressionSyntax declaration when HoistedOutVariable(declaration) is { } field:
                return field;
            case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax } deconstruction
                when IsDeconstructionDeclaration(deconstruction.Left) && HoistedDeconstructionTarget(deconstruction.Left) is { } target:
                return target + " = " + Render(deconstruction.Right);
            case IsPatternExpressionSyntax isPattern when HoistedPatternVariables(isPattern) is { } matched:
                return matched;
        }

        return null;
    }

    private IMethodSymbol? HandlerCallee(InvocationExpressionSyntax invocation) =>
        model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol callee && HandlerSymbols.IsHandler(callee) ? callee : null;

    private string? RenamedDeclaration(SyntaxToken token)
    {
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not (VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax or CatchDeclarationSyntax))
        {
            return null;
        }

        return model.GetDeclaredSymbol(token.Parent, cancellationToken) is ILocalSymbol local && localNames.TryGetValue(local, out string? name) ? name : null;
    }

    private bool HasHoisted(VariableDeclarationSyntax declaration)
    {
        foreach (VariableDeclaratorSyntax declarator in declaration.Variables)
        {
            if (IsHoisted(model.GetDeclaredSymbol(declarator, cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A declaration whose hoisted variables become field assignments; the others stay declarations.</summary>
    private string RenderDeclaration(VariableDeclarationSyntax declaration)
    {
        StringBuilder text = new();
        foreach (VariableDeclaratorSyntax declarator in declaration.Variables)
        {
            ILocalSymbol local = (ILocalSymbol)model.GetDeclaredSymbol(declarator, cancellationToken)!;
            string? value = declarator.Initializer is null ? null : Render(declarator.Initializer.Value);
            if (IsHoisted(local) && declarator.Initializer?.Value is InitializerExpressionSyntax)
            {
                // An array initializer is only valid in a declaration; as an assignment it needs its array type.
                value = $"new {HandlerSymbols.Display(local.Type)} {value}";
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            if (IsHoisted(local))
            {
                if (value is not null)
                {
                    text.Append(hoistedFields[local]).Append(" = ").Append(value).Append(';');
                }
            }
            else
            {
                text.Append(Render(declaration.Type)).Append(' ').Append(localNames[local]);
                text.Append(value is null ? ";" : " = " + value + ";");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Completes the coroutine: returns Done, or DoneWith its result (a small value travels in the step, so the
    /// scheduler stores it without the coroutine looking up its token); inside an async finally's protected part,
    /// runs the finally first.
    /// </summary>
    private string ReturnText(string? value)
    {
        if (PendingReturn(value) is { } pending)
        {
            return pending;
        }

        // A finally guard reads only whether the state is negative, which it is while the coroutine runs.
        return $"{{ {ReturnStatement.For(resultType, value)} }}";
    }

    private JumpTargets? JumpTarget(SyntaxNode jump, bool isContinue)
    {
        for (SyntaxNode? node = jump.Parent; node is not null && node != method; node = node.Parent)
        {
            if (HandlerSymbols.IsLambdaLike(node))
            {
                return null;
            }

            bool isLoop = node is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax;
            if (isLoop || (!isContinue && node is SwitchStatementSyntax))
            {
                return jumpTargets.TryGetValue(node, out JumpTargets? targets) ? targets : null;
            }
        }

        return null;
    }
}
