using System.Linq;
using System.Threading;
using DemiGen.Generators.Lowering;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Parsing;

/// <summary>Finds direct calls to handlers in user code: each is intercepted to start the handler's coroutine.</summary>
internal static class InterceptorParser
{
    public static bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax };

    public static InterceptorModel? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        InvocationExpressionSyntax invocation = (InvocationExpressionSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || !HandlerSymbols.IsHandler(method)
            || context.SemanticModel.GetInterceptableLocation(invocation, cancellationToken) is not { } location)
        {
            return null;
        }

        // The interceptor has the handler's own signature (a generic one its type parameters, with the same names).
        method = method.OriginalDefinition;
        return new InterceptorModel(
            location.Version,
            location.Data,
            HandlerSymbols.CoroutineFullName(method),
            HandlerSymbols.TypeArgumentList(method),
            EquatableArray.From(HandlerSymbols.ConstraintClauses(method)),
            HandlerSymbols.Display(method.ReturnType),
            method.IsStatic ? null : ReceiverParameterType(method),
            EquatableArray.From(method.Parameters.Select(p => new FieldModel(p.Name, HandlerSymbols.Display(p.Type)))));
    }

    /// <summary>The interceptor's <c>this</c> parameter has the receiver's ref kind: a struct's is <c>ref</c>, or <c>in</c> where the method cannot change it.</summary>
    private static string ReceiverParameterType(IMethodSymbol method)
    {
        string type = HandlerSymbols.Display(method.ContainingType);
        return !method.ContainingType.IsValueType ? type : method.IsReadOnly ? "in " + type : "ref " + type;
    }
}
