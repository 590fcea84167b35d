using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Analyzers.CodeFixes;

/// <summary>DEMI004: a DemiGen awaitable started and dropped in an async method — await it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddAwaitCodeFix)), Shared]
public sealed class AddAwaitCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.LostOrDoubleAwait);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax expression ||
            expression.Parent is not ExpressionStatementSyntax ||
            !Syntax.InAsyncBody(expression))
        {
            return;
        }

        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var type = model?.GetTypeInfo(expression, context.CancellationToken).Type;
        if (type is null || type.ContainingNamespace?.ToDisplayString() != "DemiGen" || type.Name is not ("DemiOperation" or "DemiTask"))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Await the operation", ct => Syntax.ReplaceAsync(context.Document, expression, SyntaxFactory.AwaitExpression(expression.WithoutTrivia()).WithTriviaFrom(expression), ct), nameof(AddAwaitCodeFix)),
            context.Diagnostics);
    }
}
