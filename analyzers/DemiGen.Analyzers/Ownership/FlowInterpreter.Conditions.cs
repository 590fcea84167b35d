using System.Collections.Immutable;
using System.Linq;
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

        if (holds && FailedResult(condition) is { } result)
        {
            SetBits(Peek(result), ObjectBits.Empty);
            return;
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

    /// <summary>
    /// The QResult a condition proves failed when it holds: <c>r.Error == DemiError.X</c> (X not None),
    /// <c>r.Error != DemiError.None</c>, <c>r.Opcode == DemiOpcode.Failed</c>. A failed pop carries no buffer.
    /// </summary>
    private IOperation? FailedResult(IOperation condition)
    {
        if (condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison)
        {
            return null;
        }

        var (member, constant) = comparison.RightOperand.ConstantValue.HasValue
            ? (Unconvert(comparison.LeftOperand), comparison.RightOperand.ConstantValue.Value)
            : (Unconvert(comparison.RightOperand), comparison.LeftOperand.ConstantValue.Value);
        if (member is not IPropertyReferenceOperation { Instance: { } instance } property || !known.IsQResult(property.Property.ContainingType) || constant is null)
        {
            return null;
        }

        var value = System.Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture);
        var equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
        var failed = property.Property.Name switch
        {
            "Error" => equals ? value != 0 : value == 0,
            "Opcode" => equals && property.Property.Type is INamedTypeSymbol { EnumUnderlyingType: not null } opcode &&
                        opcode.GetMembers("Failed").OfType<IFieldSymbol>().Any(f => f.ConstantValue is { } failedValue && System.Convert.ToInt64(failedValue, System.Globalization.CultureInfo.InvariantCulture) == value),
            _ => false,
        };
        return failed ? instance : null;
    }

    private static IOperation Unconvert(IOperation operation) => operation is IConversionOperation conversion ? Unconvert(conversion.Operand) : operation;

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
