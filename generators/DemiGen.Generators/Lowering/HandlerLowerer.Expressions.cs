using System.Collections.Generic;
using System.Linq;
using DemiGen.Generators.Diagnostics;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>
/// Awaits inside expressions. Operands evaluated before an await are spilled into fields unless reading them
/// later gives the same value (constants, and locals the statement does not write), as Roslyn's spill
/// sequences do; the await's result goes into a field and the expression reads it from there.
/// </summary>
internal sealed partial class HandlerLowerer
{
    /// <summary>Emits the awaits of <paramref name="expression"/> into <paramref name="ops"/> and returns the text that reads their results.</summary>
    private string Spill(ExpressionSyntax expression, List<LoweredOp> ops)
    {
        if (!ContainsAwait(expression))
        {
            return Render(expression);
        }

        switch (expression)
        {
            case AwaitExpressionSyntax awaited:
                ITypeSymbol? resultType = model.GetTypeInfo(awaited, cancellationToken).Type;
                if (resultType is null || resultType.SpecialType == SpecialType.System_Void)
                {
                    Report(DiagnosticDescriptors.UnsupportedAwaitPosition, awaited, "an expression that uses the value of a void await", HandlerName);
                    return Render(expression);
                }

                string result = NewTemp("result", HandlerSymbols.Display(resultType));
                EmitAwait(awaited, result + " = {0};", ops);
                return result;
            case ParenthesizedExpressionSyntax parenthesized:
                return "(" + Spill(parenthesized.Expression, ops) + ")";
            case BinaryExpressionSyntax shortCircuit when IsShortCircuit(shortCircuit) && ContainsAwait(shortCircuit.Right):
                return SpillShortCircuit(shortCircuit, ops);
            case ConditionalExpressionSyntax conditional when ContainsAwait(conditional.WhenTrue) || ContainsAwait(conditional.WhenFalse):
                return SpillConditional(conditional, ops);
            case BaseObjectCreationExpressionSyntax creation when ContainsAwait(creation.Initializer):
                return SpillInitializer(creation, ops);
        }

        List<ExpressionSyntax>? operands = OperandsInEvaluationOrder(expression);
        if (operands is null)
        {
            Report(DiagnosticDescriptors.UnsupportedAwaitPosition, expression, Describe(expression), HandlerName);
            return Render(expression);
        }

        int lastAwait = operands.FindLastIndex(ContainsAwait);
        Dictionary<SyntaxNode, string> replaced = new();
        for (int i = 0; i <= lastAwait; i++)
        {
            ExpressionSyntax operand = operands[i];
            string text = Spill(operand, ops);
            if (i < lastAwait && !IsStable(operand, expression))
            {
                ITypeSymbol? type = model.GetTypeInfo(operand, cancellationToken).Type;
                if (type is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedAwaitPosition, operand, "an expression after an operand with no type", HandlerName);
                    return text;
                }

                string temp = NewTemp("spill", HandlerSymbols.Display(type));
                ops.Add(new CodeOp($"{temp} = {text};", Line(operand)));
                text = temp;
            }

            replaced[operand] = text;
        }

        return Render(expression, replaced);
    }

    private static bool IsShortCircuit(BinaryExpressionSyntax binary) =>
        binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression);

    /// <summary>
    /// <c>a &amp;&amp; await b</c>, <c>a || await b</c>, <c>a ?? await b</c>: the left operand goes into a field, a branch
    /// skips the right one (and its await) as the operator would, and the field holds the value.
    /// </summary>
    private string SpillShortCircuit(BinaryExpressionSyntax binary, List<LoweredOp> ops)
    {
        ITypeSymbol? type = model.GetTypeInfo(binary, cancellationToken).Type;
        bool coalesce = binary.IsKind(SyntaxKind.CoalesceExpression);
        bool supported = coalesce
            ? type is not null && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(binary.Left, cancellationToken).Type, type)
            : type?.SpecialType == SpecialType.System_Boolean;
        if (!supported)
        {
            string what = coalesce ? "the right operand of a ?? whose left operand has another type than the result" : "the right operand of a user-defined && or ||";
            Report(DiagnosticDescriptors.UnsupportedAwaitPosition, binary, what, HandlerName);
            return Render(binary);
        }

        string value = NewTemp("value", HandlerSymbols.Display(type!));
        string end = NewLabel("endshortcircuit");
        ops.Add(new CodeOp($"{value} = {Spill(binary.Left, ops)};", Line(binary.Left)));
        string skip = coalesce ? $"{value} != null" : value;
        ops.Add(new BranchOp(skip, !binary.IsKind(SyntaxKind.LogicalAndExpression), end, Line(binary)));
        ops.Add(new CodeOp($"{value} = {Spill(binary.Right, ops)};", Line(binary.Right)));
        ops.Add(new LabelOp(end));
        return value;
    }

    /// <summary><c>c ? await x : y</c>: the condition picks a branch, each branch writes its value (after its awaits) into a field.</summary>
    private string SpillConditional(ConditionalExpressionSyntax conditional, List<LoweredOp> ops)
    {
        TypeInfo info = model.GetTypeInfo(conditional, cancellationToken);
        ITypeSymbol? type = info.Type ?? info.ConvertedType;
        if (type is null || conditional.WhenTrue is RefExpressionSyntax)
        {
            Report(DiagnosticDescriptors.UnsupportedAwaitPosition, conditional, "a branch of a ref or typeless conditional (?:) expression", HandlerName);
            return Render(conditional);
        }

        string value = NewTemp("value", HandlerSymbols.Display(type));
        string otherwise = NewLabel("else");
        string end = NewLabel("endconditional");
        string condition = Spill(conditional.Condition, ops);
        ops.Add(new BranchOp(condition, false, otherwise, Line(conditional.Condition)));
        ops.Add(new CodeOp($"{value} = {Spill(conditional.WhenTrue, ops)};", Line(conditional.WhenTrue)));
        ops.Add(new GotoOp(end));
        ops.Add(new LabelOp(otherwise));
        ops.Add(new CodeOp($"{value} = {Spill(conditional.WhenFalse, ops)};", Line(conditional.WhenFalse)));
        ops.Add(new LabelOp(end));
        return value;
    }

    /// <summary>Evaluates <paramref name="awaited"/>'s operand, suspends until it completes, then writes <paramref name="resultForm"/>.</summary>
    private void EmitAwait(AwaitExpressionSyntax awaited, string resultForm, List<LoweredOp> ops)
    {
        ITypeSymbol? type = model.GetTypeInfo(awaited.Expression, cancellationToken).Type;
        string awaitable = Spill(awaited.Expression, ops);
        int state = nextState++;
        dispatchScopes.Peek().Add(new DispatchEntry(state, $"__resume{state}"));
        bool isYield = HandlerSymbols.Classify(type) == AwaitableKind.Yield;
        ops.Add(new AwaitOp(
            state,
            isYield ? null : AwaiterField(HandlerSymbols.Display(type!)),
            awaitable,
            isYield ? null : resultForm,
            Line(awaited)));
    }

    private List<ExpressionSyntax>? OperandsInEvaluationOrder(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax invocation:
                List<ExpressionSyntax> operands = new();
                if (invocation.Expression is MemberAccessExpressionSyntax member)
                {
                    if (IsValue(member.Expression))
                    {
                        operands.Add(member.Expression);
                    }
                }
                else if (model.GetSymbolInfo(invocation.Expression, cancellationToken).Symbol is not IMethodSymbol)
                {
                    operands.Add(invocation.Expression);
                }

                return Arguments(invocation.ArgumentList, operands);
            case BaseObjectCreationExpressionSyntax creation when !ContainsAwait(creation.Initializer):
                return Arguments(creation.ArgumentList, new List<ExpressionSyntax>());
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.IsExpression) || binary.IsKind(SyntaxKind.AsExpression):
                return new List<ExpressionSyntax> { binary.Left };
            case BinaryExpressionSyntax binary when IsShortCircuit(binary):
                return new List<ExpressionSyntax> { binary.Left };
            case BinaryExpressionSyntax binary:
                return new List<ExpressionSyntax> { binary.Left, binary.Right };
            case AssignmentExpressionSyntax assignment when IsStableTarget(assignment) || IsDeconstructionDeclaration(assignment.Left):
                return new List<ExpressionSyntax> { assignment.Right };
            case TupleExpressionSyntax tuple:
                return tuple.Arguments.Select(a => a.Expression).ToList();
            case ArrayCreationExpressionSyntax { Initializer: { } elements } array when !array.Type.RankSpecifiers.Any(r => r.Sizes.Any(ContainsAwait)):
                // The array's elements are evaluated in order before the (unobservable) stores.
                return elements.Expressions.ToList();
            case InitializerExpressionSyntax arrayInitializer when arrayInitializer.IsKind(SyntaxKind.ArrayInitializerExpression):
                return arrayInitializer.Expressions.ToList();
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return implicitArray.Initializer.Expressions.ToList();
            case CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax):
                return collection.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList();
            case PrefixUnaryExpressionSyntax unary when !unary.IsKind(SyntaxKind.PreIncrementExpression) && !unary.IsKind(SyntaxKind.PreDecrementExpression):
                return new List<ExpressionSyntax> { unary.Operand };
            case CastExpressionSyntax cast:
                return new List<ExpressionSyntax> { cast.Expression };
            case MemberAccessExpressionSyntax access:
                return new List<ExpressionSyntax> { access.Expression };
            case ElementAccessExpressionSyntax element:
                List<ExpressionSyntax> accessOperands = new() { element.Expression };
                accessOperands.AddRange(element.ArgumentList.Arguments.Select(a => a.Expression));
                return accessOperands;
            case ConditionalExpressionSyntax conditional:
                return new List<ExpressionSyntax> { conditional.Condition };
            case InterpolatedStringExpressionSyntax interpolated:
                // With an await inside, C# formats the string after evaluating every hole (string.Format), so spilled holes keep their order.
                return interpolated.Contents.OfType<InterpolationSyntax>().Select(i => i.Expression).ToList();
            case IsPatternExpressionSyntax isPattern when !ContainsAwait(isPattern.Pattern):
                return new List<ExpressionSyntax> { isPattern.Expression };
            default:
                return null;
        }
    }

    private List<ExpressionSyntax>? Arguments(ArgumentListSyntax? arguments, List<ExpressionSyntax> operands)
    {
        if (arguments is null)
        {
            return operands;
        }

        foreach (ArgumentSyntax argument in arguments.Arguments)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None) && ContainsAwait(argument.Expression))
            {
                return null;
            }

            operands.Add(argument.Expression);
        }

        return operands;
    }

    /// <summary>
    /// An assignment whose target needs no evaluation before the right side: a local or parameter the right side does
    /// not write, or a static field assigned (not compound-assigned: another coroutine may change it during the await).
    /// </summary>
    private bool IsStableTarget(AssignmentExpressionSyntax assignment)
    {
        ISymbol? target = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
        if (IsReceiverMemberAssignment(assignment, target))
        {
            return true;
        }

        bool simpleTarget = assignment.Left is IdentifierNameSyntax
            || (assignment.Left is MemberAccessExpressionSyntax member && !IsValue(member.Expression));
        return simpleTarget
            && target is ILocalSymbol or IParameterSymbol or IFieldSymbol { IsStatic: true }
            && (target is IFieldSymbol
                ? assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression)
                : !IsWrittenIn(assignment.Right, target));
    }

    private bool IsValue(ExpressionSyntax expression) =>
        model.GetSymbolInfo(expression, cancellationToken).Symbol is not INamespaceOrTypeSymbol;

    /// <summary>True when reading <paramref name="operand"/> after the awaits of <paramref name="root"/> gives the value it had before them.</summary>
    private bool IsStable(ExpressionSyntax operand, ExpressionSyntax root)
    {
        if (operand is LiteralExpressionSyntax or DefaultExpressionSyntax or TypeOfExpressionSyntax or DeclarationExpressionSyntax
            || model.GetConstantValue(operand, cancellationToken).HasValue)
        {
            return true;
        }

        if (operand.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
        {
            return true;
        }

        ISymbol? symbol = model.GetSymbolInfo(operand, cancellationToken).Symbol;
        return operand is IdentifierNameSyntax
            && symbol is ILocalSymbol or IParameterSymbol
            && !IsWrittenIn(root, symbol);
    }

    private bool IsWrittenIn(SyntaxNode root, ISymbol variable)
    {
        foreach (SyntaxNode node in root.DescendantNodesAndSelf())
        {
            ExpressionSyntax? written = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PreIncrementExpression) || unary.IsKind(SyntaxKind.PreDecrementExpression) => unary.Operand,
                PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) => argument.Expression,
                _ => null,
            };
            if (written is not null && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(written, cancellationToken).Symbol, variable))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(ExpressionSyntax expression) => expression switch
    {
        AssignmentExpressionSyntax => "an assignment whose target is evaluated first",
        BaseObjectCreationExpressionSyntax => "an object or collection initializer",
        _ => $"a {expression.Kind()} expression",
    };
}
