using System.Linq;
using DemiGen.Generators.Model;

namespace DemiGen.Generators.Emitting;

/// <summary>Writes lowered ops; user code gets a <c>#line</c> back to the handler, generated steps <c>#line hidden</c>.</summary>
internal sealed class BodyWriter
{
    private const string Step = "global::DemiGen.CoroutineStep";

    private readonly IndentedWriter w;
    private readonly string filePath;
    private readonly string? resultType;
    private readonly bool marksRunning;

    /// <param name="writer">Where the body goes.</param>
    /// <param name="filePath">The handler's file, for <c>#line</c>.</param>
    /// <param name="resultType">The handler's result type, or null.</param>
    /// <param name="marksRunning">
    /// Whether a resumed coroutine sets its state to -1 ("running, not suspended"): only a try region around an
    /// await reads it (<see cref="ReadsStateWhileRunning"/>), so a body without one leaves the state as the resume point set it.
    /// </param>
    public BodyWriter(IndentedWriter writer, string filePath, string? resultType, bool marksRunning)
    {
        w = writer;
        this.resultType = resultType;
        this.marksRunning = marksRunning;
        this.filePath = filePath.Replace("\"", string.Empty);
    }

    public void Write(EquatableArray<LoweredOp> ops)
    {
        foreach (LoweredOp op in ops)
        {
            switch (op)
            {
                case CodeOp code:
                    Map(code.Line);
                    w.Line(code.Text);
                    break;
                case LabelOp label:
                    w.Line("#line hidden");
                    w.Line($"{label.Label}: ;");
                    break;
                case GotoOp jump:
                    w.Line("#line hidden");
                    w.Line($"goto {jump.Label};");
                    break;
                case BranchOp branch:
                    Map(branch.Line);
                    w.Line(branch.WhenTrue ? $"if ({branch.Condition}) goto {branch.Label};" : $"if (!({branch.Condition})) goto {branch.Label};");
                    break;
                case AwaitOp awaitOp:
                    WriteAwait(awaitOp);
                    break;
                case ReturnOp ret:
                    Map(ret.Line);
                    w.Line(ReturnStatement.For(resultType, ret.Value));
                    break;
                case TryOp region:
                    WriteTry(region);
                    break;
            }
        }
    }

    private void WriteAwait(AwaitOp op)
    {
        string resume = $"__resume{op.State}";
        Map(op.Line);
        if (op.AwaiterField is null)
        {
            w.Line($"_ = {op.Awaitable};");
            w.Line("#line hidden");
            w.Line($"__state = {op.State};");
            w.Line($"return {Step}.Yield;");
            ResumeLabel(resume);
            return;
        }

        w.Line($"{op.AwaiterField} = {op.Awaitable};");
        w.Line("#line hidden");
        w.Line($"if (!{op.AwaiterField}.IsCompleted)");
        w.OpenBrace();
        w.Line($"__state = {op.State};");
        w.Line($"return {Step}.Pending({op.AwaiterField}.Token);");
        w.CloseBrace();
        ResumeLabel(resume);
        Map(op.Line);
        w.Line(string.Format(op.ResultForm ?? "{0};", $"{op.AwaiterField}.GetResult()"));
    }

    private void WriteTry(TryOp region)
    {
        w.Line("#line hidden");
        w.Line($"{region.EntryLabel}:");
        w.Line("try");
        w.OpenBrace();
        HandlerEmitter.WriteDispatch(w, region.Dispatch);
        Write(region.Body);
        w.CloseBrace();
        foreach (CodeOp catchClause in region.Catches)
        {
            Map(catchClause.Line);
            w.Line(catchClause.Text);
        }

        if (region.Finally is { } finallyCode)
        {
            w.Line("#line hidden");
            w.Line("finally");
            w.OpenBrace();
            w.Line("if (__state < 0)");
            w.OpenBrace();
            Map(finallyCode.Line);
            w.Line(finallyCode.Text);
            w.CloseBrace();
            w.CloseBrace();
        }
    }

    /// <summary>A resume point: marks the coroutine running again when a finally guard needs it (else an empty statement, which a label needs).</summary>
    private void ResumeLabel(string resume)
    {
        if (marksRunning)
        {
            w.Line($"{resume}:");
            w.Line("__state = -1;");
        }
        else
        {
            w.Line($"{resume}: ;");
        }
    }

    /// <summary>
    /// Whether <paramref name="ops"/> read the state after the coroutine started: a try region around an await does,
    /// in its own dispatch (entered again by ordinary control flow, e.g. the next turn of a loop) and in its finally guard.
    /// </summary>
    internal static bool ReadsStateWhileRunning(EquatableArray<LoweredOp> ops) => ops.Any(op => op is TryOp);

    private void Map(int line) => w.Line(line > 0 ? $"#line {line} \"{filePath}\"" : "#line hidden");
}
