using System.Collections.Generic;
using System.Linq;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>Statements: awaits become resume points, structured control flow around them becomes labels and jumps.</summary>
internal sealed partial class HandlerLowerer
{
    private void LowerStatements(IReadOnlyList<StatementSyntax> statements, List<LoweredOp> ops)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (statements[i] is LocalDeclarationStatementSyntax declaration && declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword))
            {
                LowerUsingDeclaration(declaration, statements.Skip(i + 1).ToList(), ops);
                return;
            }

            LowerStatement(statements[i], ops);
        }
    }

    private void LowerStatement(StatementSyntax statement, List<LoweredOp> ops)
    {
        if (!ContainsAwait(statement))
        {
            ops.Add(new CodeOp(Render(statement), Line(statement)));
            return;
        }

        switch (statement)
        {
            case BlockSyntax block:
                LowerStatements(block.Statements, ops);
                break;
            case ExpressionStatementSyntax expression:
                LowerExpressionStatement(expression.Expression, ops);
                break;
            case LocalDeclarationStatementSyntax declaration:
                LowerDeclaration(declaration, ops);
                break;
            case ReturnStatementSyntax ret:
                LowerReturn(ret.Expression!, ops);
                break;
            case ThrowStatementSyntax thrown:
                string exception = Spill(thrown.Expression!, ops);
                ops.Add(new CodeOp($"throw {exception};", Line(thrown)));
                break;
            case IfStatementSyntax ifStatement:
                LowerIf(ifStatement, ops);
                break;
            case WhileStatementSyntax whileStatement:
                LowerWhile(whileStatement, ops);
                break;
            case DoStatementSyntax doStatement:
                LowerDo(doStatement, ops);
                break;
            case ForStatementSyntax forStatement:
                LowerFor(forStatement, ops);
                break;
            case ForEachStatementSyntax forEach:
                LowerForEach(forEach, ops);
                break;
            case SwitchStatementSyntax switchStatement:
                LowerSwitch(switchStatement, ops);
                break;
            case TryStatementSyntax tryStatement:
                LowerTry(tryStatement, ops);
                break;
            case UsingStatementSyntax usingStatement:
                LowerUsing(usingStatement, ops);
                break;
            default:
                ReportUnsupported(statement, $"An await inside a {statement.Kind()} statement");
                break;
        }
    }

    private void LowerExpressionBody(ExpressionSyntax expression, List<LoweredOp> ops)
    {
        if (resultType is not null)
        {
            LowerReturn(expression, ops);
        }
        else
        {
            LowerExpressionStatement(expression, ops);
        }
    }

    private void LowerExpressionStatement(ExpressionSyntax expression, List<LoweredOp> ops)
    {
        switch (expression)
        {
            case AwaitExpressionSyntax awaitExpression:
                EmitAwait(awaitExpression, "{0};", ops);
                return;
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax target, Right: AwaitExpressionSyntax awaited }
                when model.GetSymbolInfo(target, cancellationToken).Symbol is ILocalSymbol or IParameterSymbol:
                EmitAwait(awaited, Render(target) + " = {0};", ops);
                return;
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: AwaitExpressionSyntax awaited } deconstruction
                when IsDeconstructionDeclaration(deconstruction.Left):
                // var (x, y) = await e: the variables are declared by the deconstruction, after the await.
                EmitAwait(awaited, (HoistedDeconstructionTarget(deconstruction.Left) ?? Render(deconstruction.Left)) + " = {0};", ops);
                return;
        }

        string text = Spill(expression, ops);
        ops.Add(new CodeOp(text + ";", Line(expression)));
    }

    /// <summary><c>var (x, y)</c> or <c>(int x, T y)</c>: a deconstruction that only declares new variables.</summary>
    private static bool IsDeconstructionDeclaration(ExpressionSyntax left) => left switch
    {
        DeclarationExpressionSyntax => true,
        TupleExpressionSyntax tuple => tuple.Arguments.All(a => IsDeconstructionDeclaration(a.Expression)),
        _ => false,
    };

    private void LowerDeclaration(LocalDeclarationStatementSyntax statement, List<LoweredOp> ops) =>
        LowerDeclaration(statement.Declaration, Line(statement), ops);

    /// <summary>A declaration whose initializers await (of a local, a for loop or a using): the awaits first, then the declaration.</summary>
    private void LowerDeclaration(VariableDeclarationSyntax declaration, int line, List<LoweredOp> ops)
    {
        if (declaration.Variables.Count == 1 && declaration.Variables[0].Initializer?.Value is AwaitExpressionSyntax awaited)
        {
            ILocalSymbol local = (ILocalSymbol)model.GetDeclaredSymbol(declaration.Variables[0], cancellationToken)!;
            string form = IsHoisted(local)
                ? hoistedFields[local] + " = {0};"
                : $"{Render(declaration.Type)} {localNames[local]} = {{0}};";
            EmitAwait(awaited, form, ops);
            return;
        }

        Dictionary<SyntaxNode, string> spilled = new();
        foreach (VariableDeclaratorSyntax declarator in declaration.Variables)
        {
            if (declarator.Initializer is { } initializer && ContainsAwait(initializer.Value))
            {
                spilled[initializer.Value] = Spill(initializer.Value, ops);
            }
        }

        IReadOnlyDictionary<SyntaxNode, string>? saved = overrides;
        overrides = spilled;
        string text = RenderDeclaration(declaration);
        overrides = saved;
        ops.Add(new CodeOp(text, line));
    }

    private void LowerReturn(ExpressionSyntax expression, List<LoweredOp> ops)
    {
        if (asyncFinallies.Count > 0)
        {
            // Inside the protected part of a finally that awaits: store the value and run the finally first.
            string pendingValue = Spill(expression, ops);
            ops.Add(new CodeOp(PendingReturn(pendingValue)!, Line(expression)));
            return;
        }

        if (expression is AwaitExpressionSyntax awaited)
        {
            EmitAwait(awaited, $"{Context}.SetResult<{resultType}>({{0}});", ops);
            ops.Add(new ReturnOp(null, Line(expression)));
            return;
        }

        string value = Spill(expression, ops);
        ops.Add(new ReturnOp(value, Line(expression)));
    }

    private void LowerIf(IfStatementSyntax statement, List<LoweredOp> ops)
    {
        string condition = Spill(statement.Condition, ops);
        string end = NewLabel("endif");
        string? elseLabel = statement.Else is null ? null : NewLabel("else");
        ops.Add(new BranchOp(condition, false, elseLabel ?? end, Line(statement.Condition)));
        LowerStatement(statement.Statement, ops);
        if (statement.Else is not null)
        {
            ops.Add(new GotoOp(end));
            ops.Add(new LabelOp(elseLabel!));
            LowerStatement(statement.Else.Statement, ops);
        }

        ops.Add(new LabelOp(end));
    }

    private void LowerWhile(WhileStatementSyntax statement, List<LoweredOp> ops)
    {
        string top = NewLabel("while");
        string exit = NewLabel("endwhile");
        jumpTargets[statement] = new JumpTargets(statement, exit, top);
        ops.Add(new LabelOp(top));
        string condition = Spill(statement.Condition, ops);
        ops.Add(new BranchOp(condition, false, exit, Line(statement.Condition)));
        LowerStatement(statement.Statement, ops);
        ops.Add(new GotoOp(top));
        ops.Add(new LabelOp(exit));
    }

    private void LowerDo(DoStatementSyntax statement, List<LoweredOp> ops)
    {
        string top = NewLabel("do");
        string next = NewLabel("docondition");
        string exit = NewLabel("enddo");
        jumpTargets[statement] = new JumpTargets(statement, exit, next);
        ops.Add(new LabelOp(top));
        LowerStatement(statement.Statement, ops);
        ops.Add(new LabelOp(next));
        string condition = Spill(statement.Condition, ops);
        ops.Add(new BranchOp(condition, true, top, Line(statement.Condition)));
        ops.Add(new LabelOp(exit));
    }

    private void LowerFor(ForStatementSyntax statement, List<LoweredOp> ops)
    {
        string top = NewLabel("for");
        string next = NewLabel("fornext");
        string exit = NewLabel("endfor");
        jumpTargets[statement] = new JumpTargets(statement, exit, next);
        if (statement.Declaration is { } declaration)
        {
            LowerDeclaration(declaration, Line(declaration), ops);
        }

        foreach (ExpressionSyntax initializer in statement.Initializers)
        {
            ops.Add(new CodeOp(Spill(initializer, ops) + ";", Line(initializer)));
        }

        ops.Add(new LabelOp(top));
        if (statement.Condition is { } conditionSyntax)
        {
            string condition = Spill(conditionSyntax, ops);
            ops.Add(new BranchOp(condition, false, exit, Line(conditionSyntax)));
        }

        LowerStatement(statement.Statement, ops);
        ops.Add(new LabelOp(next));
        foreach (ExpressionSyntax incrementor in statement.Incrementors)
        {
            ops.Add(new CodeOp(Spill(incrementor, ops) + ";", Line(incrementor)));
        }

        ops.Add(new GotoOp(top));
        ops.Add(new LabelOp(exit));
    }

    /// <summary>foreach over an array (index loop) or a List&lt;T&gt; (its struct enumerator in a field), as the C# compiler expands them.</summary>
    private void LowerForEach(ForEachStatementSyntax statement, List<LoweredOp> ops)
    {
        ITypeSymbol? collectionType = model.GetTypeInfo(statement.Expression, cancellationToken).Type;
        ForEachStatementInfo info = model.GetForEachStatementInfo(statement);
        bool isArray = collectionType is IArrayTypeSymbol { Rank: 1 };
        bool isList = collectionType is INamedTypeSymbol named && named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>";
        if ((!isArray && !isList) || info.ElementType is null)
        {
            ReportUnsupported(statement, $"An await inside a foreach over '{collectionType?.ToDisplayString() ?? "?"}' (only arrays and List<T>)");
            return;
        }

        ILocalSymbol local = (ILocalSymbol)model.GetDeclaredSymbol(statement, cancellationToken)!;
        string element = statement.Type.IsVar ? HandlerSymbols.Display(local.Type) : Render(statement.Type);
        string top = NewLabel("foreach");
        string next = NewLabel("foreachnext");
        string exit = NewLabel("endforeach");
        jumpTargets[statement] = new JumpTargets(statement, exit, next);
        string collection = Spill(statement.Expression, ops);
        string current;
        if (isArray)
        {
            string array = NewTemp("array", HandlerSymbols.Display(collectionType!));
            string index = NewTemp("index", "int");
            ops.Add(new CodeOp($"{array} = {collection}; {index} = 0;", Line(statement.Expression)));
            ops.Add(new LabelOp(top));
            ops.Add(new BranchOp($"{index} < {array}.Length", false, exit, 0));
            current = $"({element}){array}[{index}]";
            ops.Add(AssignIterationVariable(local, element, current, statement));
            LowerStatement(statement.Statement, ops);
            ops.Add(new LabelOp(next));
            ops.Add(new CodeOp($"{index}++;", 0));
        }
        else
        {
            string enumerator = NewTemp("enumerator", HandlerSymbols.Display(collectionType!) + ".Enumerator");
            ops.Add(new CodeOp($"{enumerator} = {collection}.GetEnumerator();", Line(statement.Expression)));
            ops.Add(new LabelOp(top));
            ops.Add(new BranchOp($"{enumerator}.MoveNext()", false, exit, 0));
            ops.Add(AssignIterationVariable(local, element, $"({element}){enumerator}.Current", statement));
            LowerStatement(statement.Statement, ops);
            ops.Add(new LabelOp(next));
        }

        ops.Add(new GotoOp(top));
        ops.Add(new LabelOp(exit));
    }

    private CodeOp AssignIterationVariable(ILocalSymbol local, string element, string value, ForEachStatementSyntax statement) =>
        new(IsHoisted(local) ? $"{hoistedFields[local]} = {value};" : $"{element} {localNames[local]} = {value};", Line(statement.Identifier.Parent!));

    /// <summary>A switch keeps its own pattern matching but jumps to its sections, which are flattened after it.</summary>
    private void LowerSwitch(SwitchStatementSyntax statement, List<LoweredOp> ops)
    {
        if (statement.Sections.Any(s => s.Labels.Any(l => l.DescendantNodes().OfType<SingleVariableDesignationSyntax>().Any())))
        {
            ReportUnsupported(statement, "A switch with pattern variables in its case labels and an await in its sections");
            return;
        }

        string value = Spill(statement.Expression, ops);
        string exit = NewLabel("endswitch");
        jumpTargets[statement] = new JumpTargets(statement, exit, null);
        List<string> sectionLabels = new();
        List<string> dispatch = new() { $"switch ({value})", "{" };
        bool hasDefault = false;
        foreach (SwitchSectionSyntax section in statement.Sections)
        {
            string label = NewLabel("case");
            sectionLabels.Add(label);
            foreach (SwitchLabelSyntax caseLabel in section.Labels)
            {
                hasDefault |= caseLabel is DefaultSwitchLabelSyntax;
                dispatch.Add("    " + Render(caseLabel));
            }

            dispatch.Add($"        goto {label};");
        }

        if (!hasDefault)
        {
            dispatch.Add("    default:");
            dispatch.Add($"        goto {exit};");
        }

        dispatch.Add("}");
        ops.Add(new CodeOp(string.Join("\n", dispatch), Line(statement)));
        for (int i = 0; i < statement.Sections.Count; i++)
        {
            ops.Add(new LabelOp(sectionLabels[i]));
            LowerStatements(statement.Sections[i].Statements, ops);
        }

        ops.Add(new LabelOp(exit));
    }

    private void LowerUsing(UsingStatementSyntax statement, List<LoweredOp> ops)
    {
        List<(string Name, ITypeSymbol Type)> resources = new();
        if (statement.Declaration is { } declaration)
        {
            LowerDeclaration(declaration, Line(declaration), ops);
            AddResources(declaration, resources);
        }
        else if (statement.Expression is { } expression)
        {
            ITypeSymbol type = model.GetTypeInfo(expression, cancellationToken).Type!;
            string value = Spill(expression, ops);
            string resource = NewTemp("resource", HandlerSymbols.Display(type));
            ops.Add(new CodeOp($"{resource} = {value};", Line(expression)));
            resources.Add((resource, type));
        }

        EmitTryRegion(body => LowerStatement(statement.Statement, body), new List<CodeOp>(), DisposeCode(resources), ops);
    }

    private void LowerUsingDeclaration(LocalDeclarationStatementSyntax statement, List<StatementSyntax> rest, List<LoweredOp> ops)
    {
        if (!rest.Any(ContainsAwait) && !ContainsAwait(statement))
        {
            // No await in its scope: the declaration and the rest of the block stay one C# block.
            ops.Add(new CodeOp("{", 0));
            ops.Add(new CodeOp(Render(statement), Line(statement)));
            foreach (StatementSyntax next in rest)
            {
                ops.Add(new CodeOp(Render(next), Line(next)));
            }

            ops.Add(new CodeOp("}", 0));
            return;
        }

        LowerDeclaration(statement.Declaration, Line(statement), ops);
        List<(string Name, ITypeSymbol Type)> resources = new();
        AddResources(statement.Declaration, resources);

        EmitTryRegion(body => LowerStatements(rest, body), new List<CodeOp>(), DisposeCode(resources), ops);
    }

    /// <summary>The variables a using declares, by their names in the generated code (fields when hoisted).</summary>
    private void AddResources(VariableDeclarationSyntax declaration, List<(string Name, ITypeSymbol Type)> resources)
    {
        foreach (VariableDeclaratorSyntax declarator in declaration.Variables)
        {
            ILocalSymbol local = (ILocalSymbol)model.GetDeclaredSymbol(declarator, cancellationToken)!;
            TryGetLocalName(local, out string name);
            resources.Add((name, local.Type));
        }
    }

    private static CodeOp DisposeCode(List<(string Name, ITypeSymbol Type)> resources)
    {
        List<string> lines = new() { "{" };
        for (int i = resources.Count - 1; i >= 0; i--)
        {
            (string name, ITypeSymbol type) = resources[i];
            lines.Add(type.IsValueType
                ? $"    ((global::System.IDisposable){name}).Dispose();"
                : $"    if ({name} != null) ((global::System.IDisposable){name}).Dispose();");
        }

        lines.Add("}");
        return new CodeOp(string.Join("\n", lines), 0);
    }

    /// <summary>A try block that may suspend: its own dispatch, entered from the enclosing one through its entry label.</summary>
    private void EmitTryRegion(System.Action<List<LoweredOp>> lowerBody, List<CodeOp> catches, CodeOp? finallyCode, List<LoweredOp> ops)
    {
        string entry = NewLabel("try");
        List<DispatchEntry> dispatch = new();
        dispatchScopes.Push(dispatch);
        List<LoweredOp> body = new();
        lowerBody(body);
        dispatchScopes.Pop();
        foreach (DispatchEntry inner in dispatch)
        {
            dispatchScopes.Peek().Add(new DispatchEntry(inner.State, entry));
        }

        ops.Add(new TryOp(entry, EquatableArray.From(dispatch), EquatableArray.From(body), EquatableArray.From(catches), finallyCode));
    }
}
