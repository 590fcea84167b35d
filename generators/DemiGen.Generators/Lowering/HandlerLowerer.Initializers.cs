using System.Collections.Generic;
using System.Linq;
using DemiGen.Generators.Diagnostics;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>
/// <c>new T(args) { Member = await e }</c> and <c>new List&lt;T&gt; { await e }</c>: as C# does, the object is created
/// first (into a field), then each member assignment or <c>Add</c> runs in order, after its own awaits.
/// </summary>
internal sealed partial class HandlerLowerer
{
    private string SpillInitializer(BaseObjectCreationExpressionSyntax creation, List<LoweredOp> ops)
    {
        ITypeSymbol? type = model.GetTypeInfo(creation, cancellationToken).Type;
        InitializerExpressionSyntax initializer = creation.Initializer!;
        if (type is null || ContainsAwait(creation.ArgumentList) || !initializer.Expressions.All(IsSimpleInitializerElement))
        {
            Report(DiagnosticDescriptors.UnsupportedAwaitPosition, creation, "an initializer with nested initializers, indexers or awaits in the constructor's arguments", HandlerName);
            return Render(creation);
        }

        string created = NewTemp("created", HandlerSymbols.Display(type));
        string arguments = creation.ArgumentList is null ? "()" : Render(creation.ArgumentList);
        ops.Add(new CodeOp($"{created} = new {HandlerSymbols.Display(type)}{arguments};", Line(creation)));
        bool isObject = initializer.IsKind(SyntaxKind.ObjectInitializerExpression);
        foreach (ExpressionSyntax element in initializer.Expressions)
        {
            string text = isObject && element is AssignmentExpressionSyntax assignment
                ? $"{created}.{((IdentifierNameSyntax)assignment.Left).Identifier.ValueText} = {Spill(assignment.Right, ops)};"
                : element is InitializerExpressionSyntax pair
                    ? $"{created}.Add({string.Join(", ", pair.Expressions.Select(e => Render(e)))});"
                    : $"{created}.Add({Spill(element, ops)});";
            ops.Add(new CodeOp(text, Line(element)));
        }

        return created;
    }

    /// <summary>A member assignment <c>Name = value</c>, a collection element, or an element pair without awaits.</summary>
    private bool IsSimpleInitializerElement(ExpressionSyntax element) => element switch
    {
        AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Right: not InitializerExpressionSyntax } assignment
            => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Parent is InitializerExpressionSyntax parent && parent.IsKind(SyntaxKind.ObjectInitializerExpression),
        InitializerExpressionSyntax pair => !ContainsAwait(pair),
        AssignmentExpressionSyntax => false,
        _ => element.Parent is InitializerExpressionSyntax list && list.IsKind(SyntaxKind.CollectionInitializerExpression),
    };
}
