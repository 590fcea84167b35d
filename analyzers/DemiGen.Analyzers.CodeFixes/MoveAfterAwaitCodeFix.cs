using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Analyzers.CodeFixes;

/// <summary>
/// DEMI001: the statement that touches a lent buffer moves to just after the later statement of the same block
/// that awaits (or waits on, or gets the result of) the push's token.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveAfterAwaitCodeFix)), Shared]
public sealed class MoveAfterAwaitCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UseWhileLent);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics.First();
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.TokenVariable, out var token) || token is null)
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var access = root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>();
        if (access?.Parent is not BlockSyntax block)
        {
            return;
        }

        var index = block.Statements.IndexOf(access);
        var completion = block.Statements.Skip(index + 1).FirstOrDefault(statement => CompletesToken(statement, token));
        if (completion is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Move after the completion of '{token}'",
                ct =>
                {
                    // The access comes before the completion, so removing it shifts the completion down by one.
                    var completionIndex = block.Statements.IndexOf(completion);
                    var statements = block.Statements.RemoveAt(index).Insert(completionIndex, access);
                    return Syntax.ReplaceAsync(context.Document, block, block.WithStatements(statements), ct);
                },
                nameof(MoveAfterAwaitCodeFix)),
            diagnostic);
    }

    /// <summary><c>await t</c>, <c>x.Wait(t..)</c> or <c>t.GetResult()</c> anywhere in <paramref name="statement"/>.</summary>
    private static bool CompletesToken(StatementSyntax statement, string token) =>
        statement.DescendantNodesAndSelf().Any(node => node switch
        {
            AwaitExpressionSyntax { Expression: IdentifierNameSyntax name } => name.Identifier.ValueText == token,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } } wait =>
                wait.ArgumentList.Arguments.FirstOrDefault()?.Expression is IdentifierNameSyntax argument && argument.Identifier.ValueText == token,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: IdentifierNameSyntax receiver } } =>
                receiver.Identifier.ValueText == token,
            _ => false,
        });
}
