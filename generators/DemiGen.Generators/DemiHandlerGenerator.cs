using System.Collections.Immutable;
using System.Linq;
using DemiGen.Generators.Emitting;
using DemiGen.Generators.Lowering;
using DemiGen.Generators.Model;
using DemiGen.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace DemiGen.Generators;

/// <summary>
/// Lowers every <c>[DemiHandler]</c> method into a struct coroutine the libOS scheduler runs, and intercepts direct
/// calls to handlers so they start that coroutine.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DemiHandlerGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the step that builds handler models (for caching tests).</summary>
    public const string HandlerModelsStep = "HandlerModels";

    /// <summary>The tracking name of the step that finds intercepted calls.</summary>
    public const string InterceptedCallsStep = "InterceptedCalls";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<HandlerModel> handlers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                HandlerSymbols.HandlerAttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => HandlerParser.Parse(ctx, ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(HandlerModelsStep);

        context.RegisterSourceOutput(handlers, static (spc, handler) => spc.AddSource(handler.HintName, HandlerEmitter.Emit(handler)));

        IncrementalValuesProvider<InterceptorModel> calls = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => InterceptorParser.IsCandidate(node), static (ctx, ct) => InterceptorParser.Parse(ctx, ct))
            .Where(static c => c is not null)
            .Select(static (c, _) => c!)
            .WithTrackingName(InterceptedCallsStep);

        IncrementalValueProvider<(ImmutableArray<InterceptorModel> Calls, ImmutableArray<string> Lowered)> interceptable = calls.Collect()
            .Combine(handlers.Select(static (h, _) => h.CoroutineFullName).Collect());

        context.RegisterSourceOutput(interceptable, static (spc, input) =>
        {
            InterceptorModel[] lowered = input.Calls.Where(c => input.Lowered.Contains(c.CoroutineFullName)).ToArray();
            if (lowered.Length > 0)
            {
                spc.AddSource(InterceptorEmitter.HintName, InterceptorEmitter.Emit(lowered));
            }
        });
    }
}
