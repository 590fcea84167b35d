using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// What a branch condition teaches: on the branch where <c>sga.IsEmpty</c> (or a pop result's <c>Failed</c>) holds,
/// the buffer owns nothing; where <c>op.IsCompleted</c> holds, the operation's loans have ended.
/// </summary>
internal sealed partial class FlowInterpreter
{
    public void Refine(FlowState current, IOperation condition, bool holds)
    {
        state = current;
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            condition = not.Operand;
            holds = !holds;
        }

        if (!holds || condition is not IPropertyReferenceOperation { Instance: { } instance } property)
        {
            return;
        }

        var owner = property.Property.ContainingType;
        var name = property.Property.Name;
        var ids = Peek(instance);
        if ((known.IsSga(owner) && name == "IsEmpty") || (known.IsQResult(owner) && name == "Failed"))
        {
            SetBits(ids, ObjectBits.Empty);
        }
        else if (known.IsAwaitable(owner) && name == "IsCompleted")
        {
            foreach (var token in Tokens(ids))
            {
                EndLoans(token, certain: true);
            }
        }
    }

    /// <summary>The objects an expression names, without evaluating (and so without reporting) anything.</summary>
    private ImmutableHashSet<int> Peek(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => state.Read(local.Local),
        IParameterReferenceOperation parameter => state.Read(parameter.Parameter),
        IFlowCaptureReferenceOperation capture => state.Read(capture.Id),
        IConversionOperation conversion => Peek(conversion.Operand),
        IPropertyReferenceOperation { Property.Name: "Sga" or "Token", Instance: { } instance } => Peek(instance),
        _ => FlowState.NoObjects,
    };
}
