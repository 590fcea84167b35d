using System.Collections.Generic;
using System.Collections.Immutable;
using DemiGen.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Analyzers;

/// <summary>
/// DEMI005: a blocking call inside a <c>[DemiHandler]</c> method. Lambdas and local functions in the handler are
/// not checked: they may run elsewhere.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingCall);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.TryCreate(start.Compilation);
            if (known?.DemiHandler is not null)
            {
                start.RegisterCodeBlockAction(block => AnalyzeHandler(block, known));
            }
        });
    }

    // A code block action (not an operation block action) so that only handlers pay for an operation tree.
    private static void AnalyzeHandler(CodeBlockAnalysisContext context, KnownSymbols known)
    {
        if (context.OwningSymbol is not IMethodSymbol method || !known.IsHandler(method))
        {
            return;
        }

        if (context.SemanticModel.GetOperation(context.CodeBlock, context.CancellationToken) is { } block)
        {
            var pending = new Stack<IOperation>();
            pending.Push(block);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                Check(context, operation);
                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static void Check(CodeBlockAnalysisContext context, IOperation operation)
    {
        switch (operation)
        {
            case ILockOperation:
                Report(context, operation, "'lock'", isDelay: false);
                break;
            case IInvocationOperation invocation when BlockingCalls.Describe(invocation.TargetMethod) is { } call:
                Report(context, operation, call, IsSleep(invocation));
                break;
            case IPropertyReferenceOperation property when BlockingCalls.Describe(property.Property) is { } read:
                Report(context, operation, read, isDelay: false);
                break;
        }
    }

    /// <summary><c>Thread.Sleep(x)</c> or <c>Task.Delay(x).Wait()</c>: both can become <c>await os.DelayAsync(x)</c>.</summary>
    private static bool IsSleep(IInvocationOperation invocation) =>
        (invocation.TargetMethod.Name == "Sleep" && invocation.TargetMethod.ContainingType.Name == "Thread" && invocation.Arguments.Length == 1) ||
        (invocation.TargetMethod.Name == "Wait" && invocation.Arguments.Length == 0 &&
         invocation.Instance is IInvocationOperation { TargetMethod: { Name: "Delay", ContainingType.Name: "Task" } delay } && delay.Parameters.Length == 1);

    private static void Report(CodeBlockAnalysisContext context, IOperation operation, string call, bool isDelay)
    {
        var properties = isDelay
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Delay, "true")
            : ImmutableDictionary<string, string?>.Empty;
        var location = operation is ILockOperation ? operation.Syntax.GetFirstToken().GetLocation() : operation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingCall, location, properties, call));
    }
}
