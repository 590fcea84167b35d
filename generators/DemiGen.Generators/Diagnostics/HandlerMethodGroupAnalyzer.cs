using System.Collections.Immutable;
using DemiGen.Generators.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Generators.Diagnostics;

/// <summary>DEMIG012: a handler turned into a delegate would run the compiler's async lowering, not its coroutine.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandlerMethodGroupAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.HandlerAsMethodGroup);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(
            static ctx =>
            {
                IMethodReferenceOperation reference = (IMethodReferenceOperation)ctx.Operation;
                if (HandlerSymbols.IsHandler(reference.Method))
                {
                    ctx.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandlerAsMethodGroup, reference.Syntax.GetLocation(), reference.Method.Name));
                }
            },
            OperationKind.MethodReference);
    }
}
