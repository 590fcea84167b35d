using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DemiGen.Generators.Diagnostics;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>
/// Lowers one <c>[DemiHandler]</c> method into a flat body of labels, jumps and await points (the shape of
/// Roslyn's own async rewriter, written out as C# text), or collects why it cannot. The analyzer and the
/// generator both run it, so every rejected construct is a DEMIG diagnostic and never a silent fallback.
/// </summary>
internal sealed partial class HandlerLowerer
{
    private const string Context = "__context";

    private readonly SemanticModel model;
    private readonly MethodDeclarationSyntax method;
    private readonly IMethodSymbol symbol;
    private readonly CancellationToken cancellationToken;
    private readonly List<LoweringProblem> problems = new();
    private readonly HashSet<SyntaxNode> awaitContainers = new();
    private readonly List<FieldModel> fields = new();
    private readonly Dictionary<string, string> awaiterFields = new();
    private readonly Dictionary<SyntaxNode, JumpTargets> jumpTargets = new();
    private readonly Stack<List<DispatchEntry>> dispatchScopes = new();
    private string? resultType;
    private string? receiverType;
    private bool receiverIsValueType;
    private int nextState = 1;
    private int nextLabel;
    private int nextTemp;

    private HandlerLowerer(MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        this.method = method;
        this.symbol = symbol;
        this.model = model;
        this.cancellationToken = cancellationToken;
    }

    private string HandlerName => symbol.Name;

    /// <summary>Lowers <paramref name="method"/>; the result has problems, or a body when it has none.</summary>
    public static LoweredBody Lower(MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        HandlerLowerer lowerer = new(method, symbol, model, cancellationToken);
        return lowerer.Run();
    }

    private LoweredBody Run()
    {
        CheckShape();
        List<FieldModel> parameters = symbol.Parameters.Select(p => new FieldModel(p.Name, HandlerSymbols.Display(p.Type))).ToList();
        if (problems.Count > 0 || (method.Body is null && method.ExpressionBody is null))
        {
            return Failed(parameters);
        }

        SyntaxNode body = (SyntaxNode?)method.Body ?? method.ExpressionBody!;
        MarkAwaitContainers(body);
        ScanBody(body);
        AnalyzeLocals(body);
        if (problems.Count > 0)
        {
            return Failed(parameters);
        }

        List<DispatchEntry> dispatch = new();
        dispatchScopes.Push(dispatch);
        List<LoweredOp> ops = new();
        if (method.Body is { } block)
        {
            LowerStatements(block.Statements, ops);
        }
        else
        {
            LowerExpressionBody(method.ExpressionBody!.Expression, ops);
        }

        dispatchScopes.Pop();
        return problems.Count > 0
            ? Failed(parameters)
            : new LoweredBody(problems, resultType, receiverType, parameters, fields, dispatch, ops);
    }

    private LoweredBody Failed(List<FieldModel> parameters) =>
        new(problems, resultType, receiverType, parameters, new List<FieldModel>(), new List<DispatchEntry>(), new List<LoweredOp>());

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params object[] arguments) =>
        problems.Add(new LoweringProblem(descriptor, node.GetLocation(), arguments));

    private void ReportAtName(DiagnosticDescriptor descriptor, params object[] arguments) =>
        problems.Add(new LoweringProblem(descriptor, method.Identifier.GetLocation(), arguments));

    private void ReportUnsupported(SyntaxNode node, string what) =>
        Report(DiagnosticDescriptors.UnsupportedStatement, node, what, HandlerName);

    /// <summary>DEMIG001–004: the declaration itself.</summary>
    private void CheckShape()
    {
        for (SyntaxNode? parent = method.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TypeDeclarationSyntax type && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                ReportAtName(DiagnosticDescriptors.NotInPartialType, HandlerName, type.Identifier.ValueText);
                return;
            }
        }

        AwaitableKind? kind = HandlerSymbols.Classify(symbol.ReturnType);
        if (!symbol.IsAsync || kind != AwaitableKind.Task)
        {
            Report(DiagnosticDescriptors.WrongSignature, method.ReturnType, HandlerName);
            return;
        }

        if (symbol.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } generic)
        {
            resultType = HandlerSymbols.Display(generic.TypeArguments[0]);
        }

        string? shape = !symbol.IsStatic && symbol.ContainingType.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                ? $"an instance method of a {symbol.ContainingType.TypeKind.ToString().ToLowerInvariant()}"
            : !symbol.IsStatic && symbol.ContainingType.IsRefLikeType ? "an instance method of a ref struct"
            : symbol.TypeParameters.Any(t => t.AllowsRefLikeType) ? "generic over a type that may be a ref struct (allows ref struct)"
            : ContainingTypesAreGeneric() ? "in a generic type"
            : !ContainingTypesAreAccessible() ? "in a private or protected type"
            : null;
        if (shape is not null)
        {
            ReportAtName(DiagnosticDescriptors.UnsupportedHandlerShape, HandlerName, shape);
        }
        else if (!symbol.IsStatic)
        {
            // An instance handler: the coroutine keeps the receiver in a field, as the compiler's state machine does
            // (of a struct, a copy taken at the call: the handler's changes to it are not seen by the caller).
            receiverType = HandlerSymbols.Display(symbol.ContainingType);
            receiverIsValueType = symbol.ContainingType.IsValueType;
        }

        for (int i = 0; i < symbol.Parameters.Length; i++)
        {
            IParameterSymbol parameter = symbol.Parameters[i];
            string? why = parameter.RefKind != RefKind.None ? $"passed by {parameter.RefKind.ToString().ToLowerInvariant()}"
                : parameter.Type.IsRefLikeType ? "a ref struct"
                : null;
            if (why is not null)
            {
                Report(DiagnosticDescriptors.UnsupportedParameter, method.ParameterList.Parameters[i], parameter.Name, HandlerName, why);
            }
        }
    }

    private bool ContainingTypesAreGeneric()
    {
        for (INamedTypeSymbol? type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private bool ContainingTypesAreAccessible()
    {
        for (INamedTypeSymbol? type = symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Marks every node that contains an await outside lambdas: only those need lowering.</summary>
    private void MarkAwaitContainers(SyntaxNode body)
    {
        foreach (AwaitExpressionSyntax awaitExpression in Awaits(body))
        {
            for (SyntaxNode? node = awaitExpression; node is not null && node != method; node = node.Parent)
            {
                if (!awaitContainers.Add(node))
                {
                    break;
                }
            }
        }
    }

    private static IEnumerable<AwaitExpressionSyntax> Awaits(SyntaxNode root) =>
        root.DescendantNodesAndSelf(n => !HandlerSymbols.IsLambdaLike(n)).OfType<AwaitExpressionSyntax>();

    private bool ContainsAwait(SyntaxNode? node) => node is not null && awaitContainers.Contains(node);

    /// <summary>DEMIG005–011 that need no flow analysis: forbidden statements, foreign awaits and capturing lambdas.</summary>
    private void ScanBody(SyntaxNode body)
    {
        foreach (SyntaxNode node in body.DescendantNodesAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case LockStatementSyntax:
                    Report(DiagnosticDescriptors.LockInHandler, node, HandlerName);
                    break;
                case YieldStatementSyntax:
                    Report(DiagnosticDescriptors.YieldInHandler, node, HandlerName);
                    break;
                case GotoStatementSyntax:
                    ReportUnsupported(node, "A goto statement");
                    break;
                case LabeledStatementSyntax:
                    ReportUnsupported(node, "A labeled statement");
                    break;
                case CheckedStatementSyntax when ContainsAwait(node):
                    ReportUnsupported(node, "An await inside a checked or unchecked block");
                    break;
                case UnsafeStatementSyntax or FixedStatementSyntax when ContainsAwait(node):
                    ReportUnsupported(node, "An await inside an unsafe or fixed block");
                    break;
                case CommonForEachStatementSyntax forEach when forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    ReportUnsupported(node, "await foreach");
                    break;
                case UsingStatementSyntax usingStatement when usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    ReportUnsupported(node, "await using");
                    break;
                case LocalDeclarationStatementSyntax declaration when declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword):
                    ReportUnsupported(node, "await using");
                    break;
                case AwaitExpressionSyntax awaitExpression when !IsInsideLambda(awaitExpression):
                    CheckAwaitable(awaitExpression);
                    break;
                case BaseExpressionSyntax:
                    ReportUnsupported(node, "A base member access");
                    break;
                case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } captured:
                    ReportUnsupported(node, $"The primary constructor parameter '{captured.Name}'");
                    break;
                case InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } conditionalCall when HandlerCallee(conditionalCall) is not null:
                    ReportUnsupported(conditionalCall.Parent ?? node, "A conditional (?.) call of a handler");
                    break;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    CheckCaptures(node);
                    break;
            }
        }
    }

    private bool IsInsideLambda(SyntaxNode node)
    {
        for (SyntaxNode? parent = node.Parent; parent is not null && parent != method; parent = parent.Parent)
        {
            if (HandlerSymbols.IsLambdaLike(parent))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckAwaitable(AwaitExpressionSyntax awaitExpression)
    {
        ITypeSymbol? type = model.GetTypeInfo(awaitExpression.Expression, cancellationToken).Type;
        if (HandlerSymbols.Classify(type) is null)
        {
            Report(DiagnosticDescriptors.ForeignAwait, awaitExpression, HandlerName, type?.ToDisplayString() ?? "?");
        }
    }

    private void CheckCaptures(SyntaxNode function)
    {
        if (receiverType is not null && function.DescendantNodes().FirstOrDefault(n => n is ThisExpressionSyntax || (n is SimpleNameSyntax name && IsImplicitThisMember(name))) is { } usesThis)
        {
            // In the coroutine, this is a field of a struct, which a closure cannot capture.
            Report(DiagnosticDescriptors.CapturingLambda, usesThis, "this", HandlerName);
            return;
        }

        foreach (IdentifierNameSyntax identifier in function.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            ISymbol? target = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            if (target is ILocalSymbol { IsConst: false } or IParameterSymbol
                && SymbolEqualityComparer.Default.Equals(target.ContainingSymbol, symbol))
            {
                Report(DiagnosticDescriptors.CapturingLambda, identifier, target.Name, HandlerName);
                return;
            }
        }
    }

    private string NewLabel(string what) => $"__{what}{nextLabel++}";

    private string NewTemp(string prefix, string type)
    {
        string name = $"__{prefix}{nextTemp++}";
        fields.Add(new FieldModel(name, type));
        return name;
    }

    private string AwaiterField(string type)
    {
        if (!awaiterFields.TryGetValue(type, out string? name))
        {
            name = $"__awaiter{awaiterFields.Count}";
            awaiterFields.Add(type, name);
            fields.Add(new FieldModel(name, type));
        }

        return name;
    }

    private int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>Where <c>break</c> and <c>continue</c> go for a loop or switch that was flattened into labels.</summary>
    private sealed class JumpTargets
    {
        public JumpTargets(SyntaxNode owner, string breakLabel, string? continueLabel)
        {
            Owner = owner;
            BreakLabel = breakLabel;
            ContinueLabel = continueLabel;
        }

        /// <summary>The loop or switch statement.</summary>
        public SyntaxNode Owner { get; }

        public string BreakLabel { get; }

        public string? ContinueLabel { get; }
    }
}
