using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// The transfer functions: evaluates one operation tree against a <see cref="FlowState"/>, applying the
/// <see cref="OwnershipContract"/> and reporting violations to the <see cref="DiagnosticSink"/>.
/// An evaluation returns the ids of the tracked objects the expression's value may be.
/// </summary>
internal sealed partial class FlowInterpreter
{
    private readonly KnownSymbols known;
    private readonly Sites sites;
    private readonly Closures closures;
    private FlowState state = new();

    public FlowInterpreter(KnownSymbols known, Sites sites, Closures closures, DiagnosticSink sink)
    {
        this.known = known;
        this.sites = sites;
        this.closures = closures;
        Sink = sink;
    }

    public DiagnosticSink Sink { get; }

    /// <summary>Lambdas met while interpreting; the analyzer checks each body on its own.</summary>
    public HashSet<IFlowAnonymousFunctionOperation> Lambdas { get; } = new();

    /// <summary>The state on entry to a method or lambda: each Sga/QResult parameter is a live buffer.</summary>
    public FlowState EntryState(IEnumerable<IParameterSymbol> parameters)
    {
        var entry = new FlowState();
        foreach (var parameter in parameters)
        {
            if (parameter.RefKind == RefKind.None && known.CarriesBuffer(parameter.Type) && parameter.Locations.Length > 0)
            {
                var site = sites.ForParameter(parameter, known.TakesOwnershipOf(parameter));
                var id = ObjectId.Of(site.Index, ObjectId.Fresh);
                entry.Objects[id] = new ObjectState(ObjectBits.Live, FlowState.NoObjects);
                entry.Write(parameter, ImmutableHashSet.Create(id));
            }
        }

        return entry;
    }

    /// <summary>Runs one statement-level operation, then drops the objects no variable holds any more.</summary>
    public void Statement(FlowState current, IOperation operation)
    {
        state = current;
        Eval(operation);
        Collect();
    }

    /// <summary>A block's branch value: a returned value is handed to the caller, a thrown one ends the path.</summary>
    public void BranchValue(FlowState current, IOperation value, ControlFlowBranchSemantics semantics)
    {
        state = current;
        var ids = Eval(value);
        if (semantics == ControlFlowBranchSemantics.Return)
        {
            HandOn(ids, value, callerCopyDies: false);
            EscapeTokens(ids);
        }

        Collect();
    }

    /// <summary>The method exits: every variable dies, so whatever is still owned leaks.</summary>
    public void Exit(FlowState current)
    {
        state = current;
        state.Variables.Clear();
        Collect();
    }

    private ImmutableHashSet<int> Eval(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return FlowState.NoObjects;
            case ILocalReferenceOperation local:
                return state.Read(local.Local);
            case IParameterReferenceOperation parameter:
                return state.Read(parameter.Parameter);
            case IFlowCaptureReferenceOperation capture:
                return state.Read(capture.Id);
            case IFlowCaptureOperation capture:
                state.Write(capture.Id, Eval(capture.Value));
                return FlowState.NoObjects;
            case ISimpleAssignmentOperation assignment:
                return Assign(assignment);
            case IInvocationOperation invocation:
                return Invoke(invocation);
            case IAwaitOperation awaitOperation:
                return Consume(Eval(awaitOperation.Operation), awaitOperation.Operation);
            case IConversionOperation conversion:
                return Convert(conversion);
            case IPropertyReferenceOperation property:
                return Property(property);
            case IFlowAnonymousFunctionOperation lambda:
                Lambdas.Add(lambda);
                CaptureInto(lambda);
                return FlowState.NoObjects;
            case IArrayInitializerOperation or ICollectionExpressionOperation or IReturnOperation:
                foreach (var element in operation.ChildOperations)
                {
                    Escape(Eval(element), element, "a collection");
                }

                return FlowState.NoObjects;
            case IObjectCreationOperation or IAnonymousObjectCreationOperation or ITupleOperation:
                // A buffer given to a new object or tuple lives on in it: handed on (or DEMI006 while lent).
                foreach (var part in operation.ChildOperations)
                {
                    var value = part is IArgumentOperation argument ? argument.Value : part;
                    Escape(Eval(value), value, "a new object");
                }

                return FlowState.NoObjects;
            case IExpressionStatementOperation statement:
                Eval(statement.Operation);
                return FlowState.NoObjects;
            case IDiscardOperation:
                return FlowState.NoObjects;
            default:
                return EvalChildren(operation);
        }
    }

    /// <summary>Any other operation: tracked operands are used (checked), tokens handed to it escape.</summary>
    private ImmutableHashSet<int> EvalChildren(IOperation operation)
    {
        var kind = operation is IBinaryOperation or IIsPatternOperation ? UseKind.Metadata : UseKind.Access;
        foreach (var child in operation.ChildOperations)
        {
            var ids = Eval(child);
            if (!ids.IsEmpty)
            {
                Use(ids, child, kind);
                EscapeTokens(ids);
            }
        }

        return FlowState.NoObjects;
    }

    private ImmutableHashSet<int> Assign(ISimpleAssignmentOperation assignment)
    {
        var value = Eval(assignment.Value);
        switch (assignment.Target)
        {
            case ILocalReferenceOperation local when local.Local.RefKind == RefKind.None:
                AssignVariable(local.Local, value, assignment.Value);
                break;
            case IParameterReferenceOperation parameter when parameter.Parameter.RefKind == RefKind.None:
                AssignVariable(parameter.Parameter, value, assignment.Value);
                break;
            case IDiscardOperation:
                break;
            default:
                EvalChildren(assignment.Target);
                Escape(value, assignment.Value, "a field or collection");
                break;
        }

        return value;
    }

    private void AssignVariable(ISymbol variable, ImmutableHashSet<int> value, IOperation source)
    {
        if (closures.CapturedByLocalFunction(variable))
        {
            Escape(value, source, "a closure");
            state.Write(variable, FlowState.NoObjects);
            return;
        }

        state.Write(variable, value);
    }

    private ImmutableHashSet<int> Convert(IConversionOperation conversion)
    {
        var ids = Eval(conversion.Operand);
        if (conversion.Operand.Type?.IsValueType == true && conversion.Type?.IsReferenceType == true)
        {
            Escape(ids, conversion.Operand, "a boxed object");
            return FlowState.NoObjects;
        }

        return ids;
    }

    private ImmutableHashSet<int> Property(IPropertyReferenceOperation property)
    {
        var instance = Eval(property.Instance);
        foreach (var argument in property.Arguments)
        {
            EvalChildren(argument);
        }

        var owner = property.Property.ContainingType;
        var name = property.Property.Name;
        if (known.IsQResult(owner))
        {
            return name == "Sga" ? instance : FlowState.NoObjects;
        }

        if (known.CarriesToken(owner))
        {
            return name == "Token" ? instance : FlowState.NoObjects;
        }

        if (!instance.IsEmpty)
        {
            var metadata = known.IsSga(owner) && name is "IsEmpty" or "Length" or "SegmentCount";
            Use(instance, property.Instance!, metadata ? UseKind.Metadata : UseKind.Access);
        }

        return FlowState.NoObjects;
    }

    /// <summary>A lambda captures tracked variables: what they hold escapes into the closure.</summary>
    private void CaptureInto(IFlowAnonymousFunctionOperation lambda)
    {
        foreach (var variable in closures.CapturedBy(lambda.Symbol, state.Variables.Keys))
        {
            var ids = state.Read(variable);
            Escape(ids, lambda, "a closure", variable.Name);
            EscapeTokens(ids);
        }
    }

    private ImmutableHashSet<int> NewObject(IOperation creator, bool isToken, bool obligated, bool popGivesBuffer, int slot)
    {
        var site = sites.ForOperation(creator, isToken, obligated, popGivesBuffer);
        return NewObject(site, slot, isToken ? ObjectBits.Pending : ObjectBits.Live);
    }

    private ImmutableHashSet<int> NewObject(Site site, int slot, ObjectBits bits)
    {
        var id = ObjectId.Of(site.Index, slot);
        if (state.Objects.ContainsKey(id))
        {
            // A loop made this object before: keep the old one's state under the "older" id.
            state.Rename(id, id + 1);
        }

        state.Objects[id] = new ObjectState(bits, FlowState.NoObjects);
        return ImmutableHashSet.Create(id);
    }

    private bool IsToken(int id) => ObjectId.IsToken(id, sites[ObjectId.SiteOf(id)]);

    private IEnumerable<int> Buffers(ImmutableHashSet<int> ids) => ids.Where(id => state.Objects.ContainsKey(id) && !IsToken(id));

    private IEnumerable<int> Tokens(ImmutableHashSet<int> ids) => ids.Where(id => state.Objects.ContainsKey(id) && IsToken(id));
}
