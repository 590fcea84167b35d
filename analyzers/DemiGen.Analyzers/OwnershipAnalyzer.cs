using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DemiGen.Analyzers.Ownership;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Analyzers;

/// <summary>
/// Buffer ownership and token rules (DEMI001–DEMI004, DEMI006 and their "on some paths" forms), checked by an
/// intraprocedural dataflow over each method's control-flow graph. Methods that mention no DemiGen buffer or
/// token API are skipped before any operation tree or graph is built.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OwnershipAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.UseWhileLent, Descriptors.MaybeUseWhileLent,
        Descriptors.Leak, Descriptors.MaybeLeak,
        Descriptors.UseAfterFree, Descriptors.MaybeUseAfterFree,
        Descriptors.LostOrDoubleAwait, Descriptors.MaybeLostOrDoubleAwait,
        Descriptors.LentEscapes, Descriptors.MaybeLentEscapes);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.TryCreate(start.Compilation);
            if (known is not null)
            {
                start.RegisterCodeBlockAction(block => AnalyzeCodeBlock(block, known));
            }
        });
    }

    private static void AnalyzeCodeBlock(CodeBlockAnalysisContext context, KnownSymbols known)
    {
        var body = BodyOf(context.CodeBlock);
        if (body is null || !PreCheck(context.CodeBlock, out var hasLambda))
        {
            return;
        }

        var operation = context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken);
        var graph = operation switch
        {
            IMethodBodyOperation methodBody when !CompileErrors.In(methodBody) => ControlFlowGraph.Create(methodBody, context.CancellationToken),
            IConstructorBodyOperation constructorBody when !CompileErrors.In(constructorBody) => ControlFlowGraph.Create(constructorBody, context.CancellationToken),
            _ => null,
        };
        if (graph is null || context.OwningSymbol is not IMethodSymbol method)
        {
            return;
        }

        var closures = hasLambda || !graph.LocalFunctions.IsEmpty ? Closures.Of(context.SemanticModel, body) : Closures.None;
        var sink = new DiagnosticSink();
        var interpreter = new FlowInterpreter(known, new Sites(), closures, sink);
        AnalyzeGraph(graph, interpreter, method.Parameters, context.CancellationToken);
        foreach (var diagnostic in sink.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>Analyzes a graph, then each lambda and local function in it as a method of its own.</summary>
    private static void AnalyzeGraph(ControlFlowGraph graph, FlowInterpreter interpreter, ImmutableArray<IParameterSymbol> parameters, CancellationToken cancellation)
    {
        interpreter.Lambdas.Clear();
        if (!FlowEngine.Run(graph, interpreter, interpreter.EntryState(parameters), cancellation))
        {
            return;
        }

        foreach (var lambda in interpreter.Lambdas.ToList())
        {
            AnalyzeGraph(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellation), interpreter, lambda.Symbol.Parameters, cancellation);
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            AnalyzeGraph(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellation), interpreter, localFunction.Parameters, cancellation);
        }
    }

    private static SyntaxNode? BodyOf(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression,
        AccessorDeclarationSyntax accessor => (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody?.Expression,
        _ => null,
    };

    /// <summary>
    /// The cheap pre-check, one pass over the tokens: does the method (signature or body) name any DemiGen type or
    /// LibOS ownership member? It also notes whether the body has lambdas, which need the capture analysis.
    /// </summary>
    private static bool PreCheck(SyntaxNode declaration, out bool hasLambda)
    {
        var mentions = false;
        hasLambda = false;
        foreach (var token in declaration.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                mentions |= OwnershipContract.InterestingIdentifiers.Contains(token.ValueText);
            }
            else if ((token.IsKind(SyntaxKind.EqualsGreaterThanToken) && token.Parent is AnonymousFunctionExpressionSyntax) || token.IsKind(SyntaxKind.DelegateKeyword))
            {
                hasLambda = true;
            }
        }

        return mentions;
    }
}
