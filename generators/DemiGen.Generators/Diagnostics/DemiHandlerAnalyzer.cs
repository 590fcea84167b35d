using System.Collections.Immutable;
using DemiGen.Generators.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DemiGen.Generators.Diagnostics;

/// <summary>DEMIG001–011: runs the same lowering as the generator over each handler and reports what it rejects.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DemiHandlerAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotInPartialType,
        DiagnosticDescriptors.WrongSignature,
        DiagnosticDescriptors.UnsupportedParameter,
        DiagnosticDescriptors.UnsupportedHandlerShape,
        DiagnosticDescriptors.RefStructAcrossAwait,
        DiagnosticDescriptors.LockInHandler,
        DiagnosticDescriptors.YieldInHandler,
        DiagnosticDescriptors.ForeignAwait,
        DiagnosticDescriptors.UnsupportedStatement,
        DiagnosticDescriptors.UnsupportedAwaitPosition,
        DiagnosticDescriptors.CapturingLambda);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(AnalyzeMethod, SyntaxKind.MethodDeclaration);
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context)
    {
        MethodDeclarationSyntax method = (MethodDeclarationSyntax)context.Node;
        if (method.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is not IMethodSymbol symbol
            || !HandlerSymbols.IsHandler(symbol))
        {
            return;
        }

        foreach (LoweringProblem problem in HandlerLowerer.Lower(method, symbol, context.SemanticModel, context.CancellationToken).Problems)
        {
            context.ReportDiagnostic(problem.ToDiagnostic());
        }
    }
}
