using System.Collections.Generic;
using System.Linq;
using DemiGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DemiGen.Generators.Lowering;

/// <summary>
/// Awaits inside <c>catch</c> and <c>finally</c> blocks, lowered as the C# compiler does: the protected code runs in a
/// <c>try</c> that only records the exception (and, for a finally, every <c>return</c>/<c>break</c>/<c>continue</c>
/// that leaves it, as a pending jump); the handler bodies run after that <c>try</c>, where they may suspend; a
/// <c>throw;</c> or the end of a finally rethrows the recorded exception through <c>ExceptionDispatchInfo</c>.
/// </summary>
internal sealed partial class HandlerLowerer
{
    private const string Rethrow = "global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw";
    private const string ExceptionType = "global::System.Exception";

    private readonly Stack<AsyncFinally> asyncFinallies = new();
    private readonly Dictionary<CatchClauseSyntax, string> rethrowFields = new();

    private void LowerTry(TryStatementSyntax statement, List<LoweredOp> ops)
    {
        // C# itself rejects an await in an exception filter, so only the blocks can hold one.
        bool asyncCatch = statement.Catches.Any(c => ContainsAwait(c.Block));

        if (statement.Finally is not { } finallyClause)
        {
            LowerTryCatches(statement, asyncCatch, ops);
            return;
        }

        if (ContainsAwait(finallyClause))
        {
            LowerAsyncFinally(statement, asyncCatch, ops);
            return;
        }

        // A finally without awaits runs after the catch bodies, so with awaits in a catch it moves out to a region around them.
        CodeOp finallyCode = new(Render(finallyClause.Block), Line(finallyClause));
        if (asyncCatch)
        {
            EmitTryRegion(body => LowerTryCatches(statement, asyncCatch: true, body), new List<CodeOp>(), finallyCode, ops);
            return;
        }

        List<CodeOp> catches = statement.Catches.Select(c => new CodeOp(Render(c), Line(c))).ToList();
        EmitTryRegion(body => LowerStatement(statement.Block, body), catches, finallyCode, ops);
    }

    /// <summary>The try block and its catches, without the finally.</summary>
    private void LowerTryCatches(TryStatementSyntax statement, bool asyncCatch, List<LoweredOp> ops)
    {
        if (statement.Catches.Count == 0)
        {
            LowerStatement(statement.Block, ops);
            return;
        }

        if (!asyncCatch)
        {
            List<CodeOp> plain = statement.Catches.Select(c => new CodeOp(Render(c), Line(c))).ToList();
            EmitTryRegion(body => LowerStatement(statement.Block, body), plain, null, ops);
            return;
        }

        // Catches with awaits only record which one caught what; their bodies run after the try.
        string kind = NewTemp("catchKind", "int");
        string caught = NewTemp("caught", ExceptionType);
        ops.Add(new CodeOp($"{kind} = 0;", 0));
        List<CodeOp> catches = new();
        for (int i = 0; i < statement.Catches.Count; i++)
        {
            CatchClauseSyntax clause = statement.Catches[i];
            catches.Add(ContainsAwait(clause.Block)
                ? new CodeOp(RecordingCatch(clause, caught, kind, i + 1), Line(clause))
                : new CodeOp(Render(clause), Line(clause)));
        }

        EmitTryRegion(body => LowerStatement(statement.Block, body), catches, null, ops);
        string end = NewLabel("endcatch");
        for (int i = 0; i < statement.Catches.Count; i++)
        {
            CatchClauseSyntax clause = statement.Catches[i];
            if (!ContainsAwait(clause.Block))
            {
                continue;
            }

            string next = NewLabel("nextcatch");
            ops.Add(new BranchOp($"{kind} == {i + 1}", false, next, 0));
            if (clause.Declaration is { Identifier.ValueText.Length: > 0 } declaration)
            {
                ILocalSymbol local = (ILocalSymbol)model.GetDeclaredSymbol(declaration, cancellationToken)!;
                string type = HandlerSymbols.Display(local.Type);
                ops.Add(new CodeOp(IsHoisted(local) ? $"{hoistedFields[local]} = ({type}){caught};" : $"{type} {localNames[local]} = ({type}){caught};", Line(declaration)));
            }

            rethrowFields[clause] = caught;
            LowerStatement(clause.Block, ops);
            ops.Add(new CodeOp($"{caught} = null;", 0));
            ops.Add(new GotoOp(end));
            ops.Add(new LabelOp(next));
        }

        ops.Add(new LabelOp(end));
    }

    /// <summary><c>catch (E e) when (f) { ... }</c> becomes a catch that stores the exception and which catch took it.</summary>
    private string RecordingCatch(CatchClauseSyntax clause, string caught, string kind, int index)
    {
        string variable = $"__e{nextTemp++}";
        string header = "catch";
        Dictionary<SyntaxNode, string> renamed = new();
        if (clause.Declaration is { } declaration)
        {
            header += $" ({Render(declaration.Type)} {variable})";
            if (declaration.Identifier.ValueText.Length > 0 && clause.Filter is not null)
            {
                ISymbol? local = model.GetDeclaredSymbol(declaration, cancellationToken);
                foreach (IdentifierNameSyntax use in clause.Filter.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(use, cancellationToken).Symbol, local))
                    {
                        renamed[use] = variable;
                    }
                }
            }
        }
        else
        {
            header += $" ({ExceptionType} {variable})";
        }

        if (clause.Filter is { } filter)
        {
            header += " " + Render(filter, renamed);
        }

        return $"{header}\n{{\n    {caught} = {variable};\n    {kind} = {index};\n}}";
    }

    /// <summary>
    /// try/finally where the finally awaits: the protected part only records an exception or a pending jump, then the
    /// finally runs outside any C# try, then the exception is rethrown or the jump taken.
    /// </summary>
    private void LowerAsyncFinally(TryStatementSyntax statement, bool asyncCatch, List<LoweredOp> ops)
    {
        string caught = NewTemp("finallyException", ExceptionType);
        string pending = NewTemp("pending", "int");
        string? returned = resultType is null ? null : NewTemp("returned", resultType);
        AsyncFinally scope = new(statement, NewLabel("finally"), pending, returned);
        ops.Add(new CodeOp($"{caught} = null; {pending} = 0;", 0));
        string variable = $"__e{nextTemp++}";
        CodeOp recordAll = new($"catch ({ExceptionType} {variable})\n{{\n    {caught} = {variable};\n}}", 0);
        asyncFinallies.Push(scope);
        EmitTryRegion(body => LowerTryCatches(statement, asyncCatch, body), new List<CodeOp> { recordAll }, null, ops);
        asyncFinallies.Pop();

        ops.Add(new LabelOp(scope.Label));
        LowerStatement(statement.Finally!.Block, ops);
        ops.Add(new CodeOp($"if ({caught} != null) {Rethrow}({caught});", 0));
        if (scope.ReturnsThrough)
        {
            ops.Add(new CodeOp($"if ({pending} == -1) {ReturnText(returned)}", 0));
        }

        for (int i = 0; i < scope.Jumps.Count; i++)
        {
            (SyntaxNode target, string label) = scope.Jumps[i];
            ops.Add(new CodeOp($"if ({pending} == {i + 1}) {JumpText(target, label)}", 0));
        }
    }

    /// <summary>A <c>return</c> inside the protected part of an async finally stores its value and runs the finally first.</summary>
    private string? PendingReturn(string? value)
    {
        if (asyncFinallies.Count == 0)
        {
            return null;
        }

        AsyncFinally scope = asyncFinallies.Peek();
        scope.ReturnsThrough = true;
        string store = value is null || scope.ReturnField is null ? string.Empty : $"{scope.ReturnField} = {value}; ";
        return $"{{ {store}{scope.PendingField} = -1; goto {scope.Label}; }}";
    }

    /// <summary>
    /// A jump to <paramref name="label"/> of the flattened loop or switch <paramref name="target"/>: through the
    /// innermost async finally it leaves, if any.
    /// </summary>
    private string JumpText(SyntaxNode target, string label)
    {
        foreach (AsyncFinally scope in asyncFinallies)
        {
            if (target.Span.Contains(scope.Statement.Span) && target != scope.Statement)
            {
                int index = scope.Jumps.FindIndex(j => j.Target == target && j.Label == label);
                if (index < 0)
                {
                    scope.Jumps.Add((target, label));
                    index = scope.Jumps.Count - 1;
                }

                return $"{{ {scope.PendingField} = {index + 1}; goto {scope.Label}; }}";
            }
        }

        return $"goto {label};";
    }

    /// <summary><c>throw;</c> in a catch whose body was moved after its try rethrows the recorded exception.</summary>
    private string? RethrowText(ThrowStatementSyntax statement)
    {
        if (statement.Expression is not null)
        {
            return null;
        }

        for (SyntaxNode? node = statement.Parent; node is not null && node != method; node = node.Parent)
        {
            if (HandlerSymbols.IsLambdaLike(node))
            {
                return null;
            }

            if (node is CatchClauseSyntax clause)
            {
                return rethrowFields.TryGetValue(clause, out string? caught) ? $"{Rethrow}({caught});" : null;
            }
        }

        return null;
    }

    private sealed class AsyncFinally
    {
        public AsyncFinally(TryStatementSyntax statement, string label, string pendingField, string? returnField)
        {
            Statement = statement;
            Label = label;
            PendingField = pendingField;
            ReturnField = returnField;
        }

        public TryStatementSyntax Statement { get; }

        public string Label { get; }

        public string PendingField { get; }

        public string? ReturnField { get; }

        public bool ReturnsThrough { get; set; }

        /// <summary>Jumps that leave the protected part, numbered from 1 in the pending field.</summary>
        public List<(SyntaxNode Target, string Label)> Jumps { get; } = new();
    }
}
