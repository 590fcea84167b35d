using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>
/// Instance handlers: the coroutine keeps the receiver (a struct's: a copy) in a field, so <c>this</c> and unqualified uses
/// of the receiver's instance members read that field, and a call of another instance handler passes its receiver
/// to that handler's coroutine.
/// </summary>
internal sealed partial class HandlerLowerer
{
    private const string ReceiverField = "__this";

    /// <summary>A simple name that binds to an instance member of the handler's class (or a base class) through an implicit <c>this</c>.</summary>
    private bool IsImplicitThisMember(SimpleNameSyntax name)
    {
        if (receiverType is null)
        {
            return false;
        }

        switch (name.Parent)
        {
            case MemberAccessExpressionSyntax access when access.Name == name:
            case MemberBindingExpressionSyntax:
            case QualifiedNameSyntax qualified when qualified.Right == name:
            case NameColonSyntax or NameEqualsSyntax:
            case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } initializer when initializer.Left == name:
                return false;
        }

        ISymbol? member = model.GetSymbolInfo(name, cancellationToken).Symbol;
        if (member is null || member.IsStatic
            || member is not (IFieldSymbol or IPropertySymbol or IEventSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary }))
        {
            return false;
        }

        for (INamedTypeSymbol? type = symbol.ContainingType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type, member.ContainingType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>Field = await e</c> or <c>this.Property = await e</c>: the receiver never changes, so the target needs no
    /// evaluation first. A compound assignment reads the member before the await, and another coroutine may change a
    /// class's member meanwhile; a struct receiver is the coroutine's own copy, which nothing else can change.
    /// </summary>
    private bool IsReceiverMemberAssignment(AssignmentExpressionSyntax assignment, ISymbol? target) =>
        receiverType is not null
        && (receiverIsValueType || assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression))
        && target is IFieldSymbol or IPropertySymbol { IsIndexer: false }
        && assignment.Left switch
        {
            SimpleNameSyntax name => IsImplicitThisMember(name),
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => true,
            _ => false,
        };

    /// <summary><c>receiver.Handler(args)</c> becomes <c>HandlerCoroutine.__Start(receiver, args)</c>; an unqualified call passes <c>__this</c>.</summary>
    private string InstanceHandlerCall(InvocationExpressionSyntax invocation, IMethodSymbol callee)
    {
        string receiver = invocation.Expression is MemberAccessExpressionSyntax access ? Render(access.Expression) : ReceiverField;
        string arguments = string.Join(", ", new[] { receiver }.Concat(invocation.ArgumentList.Arguments.Select(a => Render(a))));
        return HandlerSymbols.CoroutineFullName(callee) + ".__Start(" + arguments + ")";
    }
}
