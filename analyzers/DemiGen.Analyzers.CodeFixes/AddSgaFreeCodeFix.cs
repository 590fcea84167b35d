using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Analyzers.CodeFixes;

/// <summary>
/// DEMI002: a buffer from <c>Sga x = os.SgaAlloc(..)</c> or <c>Sga x = await os.PopAsync(..)</c> leaks — add
/// <c>os.SgaFree(x);</c> at the end of the block that declares it (before a closing return, break or continue).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSgaFreeCodeFix)), Shared]
public sealed class AddSgaFreeCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.Leak);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ||
            access.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is not { } declarator ||
            declarator.Parent?.Parent is not LocalDeclarationStatementSyntax declaration ||
            declaration.Parent is not BlockSyntax block)
        {
            return;
        }

        // Same indentation as the declaration, one statement per line.
        var indentation = declaration.GetLeadingTrivia().Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia));
        var free = SyntaxFactory.ParseStatement($"{access.Expression}.SgaFree({declarator.Identifier.ValueText});")
            .WithLeadingTrivia(indentation)
            .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"));
        context.RegisterCodeFix(
            CodeAction.Create($"Free '{declarator.Identifier.ValueText}'", ct => AddFreeAsync(context.Document, block, free, ct), nameof(AddSgaFreeCodeFix)),
            context.Diagnostics);
    }

    private static Task<Document> AddFreeAsync(Document document, BlockSyntax block, StatementSyntax free, CancellationToken cancellation)
    {
        var statements = block.Statements;
        var last = statements.LastOrDefault();
        var at = last is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax ? statements.Count - 1 : statements.Count;
        return Syntax.ReplaceAsync(document, block, block.WithStatements(statements.Insert(at, free)), cancellation);
    }
}
