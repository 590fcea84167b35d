using System.Collections.Generic;
using DemiGen.Generators.Model;

namespace DemiGen.Generators.Lowering;

/// <summary>The lowering's output for one handler: its problems, or the flat body and the fields it needs.</summary>
internal sealed class LoweredBody
{
    public LoweredBody(IReadOnlyList<LoweringProblem> problems, string? resultType, string? receiverType, IReadOnlyList<FieldModel> parameters, IReadOnlyList<FieldModel> fields, IReadOnlyList<DispatchEntry> dispatch, IReadOnlyList<LoweredOp> body)
    {
        Problems = problems;
        ResultType = resultType;
        ReceiverType = receiverType;
        Parameters = parameters;
        Fields = fields;
        Dispatch = dispatch;
        Body = body;
    }

    public IReadOnlyList<LoweringProblem> Problems { get; }

    public string? ResultType { get; }

    /// <summary>The class of an instance handler (its coroutine keeps the receiver in <c>__this</c>); null for a static one.</summary>
    public string? ReceiverType { get; }

    public IReadOnlyList<FieldModel> Parameters { get; }

    public IReadOnlyList<FieldModel> Fields { get; }

    public IReadOnlyList<DispatchEntry> Dispatch { get; }

    public IReadOnlyList<LoweredOp> Body { get; }
}
