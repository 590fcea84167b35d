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

/// <summary>DEMI005: <c>Thread.Sleep(x)</c> or <c>Task.Delay(x).Wait()</c> in a handler becomes <c>await os.DelayAsync(..)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseDelayAsyncCodeFix)), Shared]
public sealed class UseDelayAsyncCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var diagnostic = context.Diagnostics.First();
        if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.Delay))
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call ||
            call.Parent is not ExpressionStatementSyntax ||
            model is null ||
            DelayArgument(call) is not { } delay ||
            LibOSParameter(call, model) is not { } os)
        {
            return;
        }

        var isTimeSpan = model.GetTypeInfo(delay, context.CancellationToken).Type?.Name == "TimeSpan";
        var timeSpan = model.LookupNamespacesAndTypes(call.SpanStart, name: "TimeSpan").Any(t => t.ToDisplayString() == "System.TimeSpan")
            ? "TimeSpan"
            : "global::System.TimeSpan";
        var argument = isTimeSpan ? delay.ToString() : $"{timeSpan}.FromMilliseconds({delay})";
        var replacement = SyntaxFactory.ParseExpression($"await {os}.DelayAsync({argument})").WithTriviaFrom(call);
        context.RegisterCodeFix(
            CodeAction.Create("Use await os.DelayAsync", ct => Syntax.ReplaceAsync(context.Document, call, replacement, ct), nameof(UseDelayAsyncCodeFix)),
            diagnostic);
    }

    /// <summary>x of <c>Thread.Sleep(x)</c> or of <c>Task.Delay(x).Wait()</c>.</summary>
    private static ExpressionSyntax? DelayArgument(InvocationExpressionSyntax call) => call switch
    {
        { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait", Expression: InvocationExpressionSyntax delay } } => delay.ArgumentList.Arguments.FirstOrDefault()?.Expression,
        { ArgumentList.Arguments.Count: 1 } => call.ArgumentList.Arguments[0].Expression,
        _ => null,
    };

    /// <summary>The name of the enclosing method's LibOS parameter.</summary>
    private static string? LibOSParameter(SyntaxNode node, SemanticModel model)
    {
        var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (method is null)
        {
            return null;
        }

        foreach (var parameter in method.ParameterList.Parameters)
        {
            if (model.GetDeclaredSymbol(parameter) is { Type: { Name: "LibOS", ContainingNamespace: var ns } } symbol && ns.ToDisplayString() == "DemiGen")
            {
                return symbol.Name;
            }
        }

        return null;
    }
}
