using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DemiGen.Analyzers.Ownership;

/// <summary>The state changes of the lattice (strong updates) and the checks that go with them.</summary>
internal sealed partial class FlowInterpreter
{
    /// <summary>Checks a use of buffers against "freed" (DEMI003) and, unless it only reads metadata, "lent" (DEMI001).</summary>
    private void Use(ImmutableHashSet<int> ids, IOperation where, UseKind kind)
    {
        var buffers = Buffers(ids).ToList();
        if (buffers.Count == 0)
        {
            return;
        }

        var name = NameOf(where);
        if (buffers.Any(id => Has(id, ObjectBits.Freed)))
        {
            var definite = !ids.Contains(FlowState.Untracked) && buffers.All(id => Only(id, ObjectBits.Freed));
            Sink.Report(Descriptors.UseAfterFree, Descriptors.MaybeUseAfterFree, definite, where.Syntax.GetLocation(), null, name, UseKindText.AfterFree(kind));
        }
        else if (kind != UseKind.Metadata && buffers.Any(id => Has(id, ObjectBits.Lent)))
        {
            var definite = !ids.Contains(FlowState.Untracked) && buffers.All(id => Only(id, ObjectBits.Lent));
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.TokenVariable, TokenVariableOf(buffers));
            Sink.Report(Descriptors.UseWhileLent, Descriptors.MaybeUseWhileLent, definite, where.Syntax.GetLocation(), properties, name, UseKindText.WhileLent(kind));
        }
    }

    private void Free(ImmutableHashSet<int> ids, IOperation where)
    {
        Use(ids, where, UseKind.Free);
        SetBits(ids, ObjectBits.Freed);
    }

    private void Lend(ImmutableHashSet<int> ids, int token)
    {
        foreach (var id in Buffers(ids))
        {
            var current = state.Objects[id];
            if ((current.Bits & ObjectBits.Live) != 0)
            {
                state.Objects[id] = new ObjectState((current.Bits & ~ObjectBits.Live) | ObjectBits.Lent, current.Loans.Add(token));
            }
        }
    }

    /// <summary>
    /// Ownership passes to someone else: the caller (a return), or a [TakesOwnership] parameter — after which the
    /// caller's copy is dead, exactly as if freed.
    /// </summary>
    private void HandOn(ImmutableHashSet<int> ids, IOperation where, bool callerCopyDies)
    {
        Use(ids, where, UseKind.HandOn);
        SetBits(ids, callerCopyDies ? ObjectBits.Freed : ObjectBits.Moved);
    }

    /// <summary>The value is stored where we cannot follow it: an owned buffer is handed on, a lent one is DEMI006, a token escapes.</summary>
    private void Escape(ImmutableHashSet<int> ids, IOperation where, string into, string? name = null)
    {
        EscapeTokens(ids);
        var buffers = Buffers(ids).ToList();
        if (buffers.Count == 0)
        {
            return;
        }

        if (buffers.Any(id => Has(id, ObjectBits.Lent)))
        {
            var definite = !ids.Contains(FlowState.Untracked) && buffers.All(id => Only(id, ObjectBits.Lent));
            Sink.Report(Descriptors.LentEscapes, Descriptors.MaybeLentEscapes, definite, where.Syntax.GetLocation(), null, name ?? NameOf(where), into);
        }
        else
        {
            Use(ids, where, UseKind.HandOn);
        }

        SetBits(ids, ObjectBits.Moved);
    }

    /// <summary>A token handed to unseen code: no more lost/twice checks, and its loans end.</summary>
    private void EscapeTokens(ImmutableHashSet<int> ids)
    {
        foreach (var token in Tokens(ids).ToList())
        {
            var current = state.Objects[token];
            state.Objects[token] = current.With(current.Bits | ObjectBits.Escaped);
            EndLoans(token, certain: true);
        }
    }

    private void TimedWait(ImmutableHashSet<int> ids)
    {
        foreach (var token in Tokens(ids).ToList())
        {
            var current = state.Objects[token];
            state.Objects[token] = current.With(current.Bits | ObjectBits.Escaped);
            EndLoans(token, certain: false);
        }
    }

    /// <summary>Await, Wait or GetResult: the token completes (once), its loans end, a pop's result becomes owned.</summary>
    private ImmutableHashSet<int> Consume(ImmutableHashSet<int> ids, IOperation where)
    {
        var result = FlowState.NoObjects;
        foreach (var token in Tokens(ids).ToList())
        {
            if (!state.Objects.TryGetValue(token, out var current))
            {
                continue;
            }

            var bits = current.Bits;
            if ((bits & ObjectBits.Consumed) != 0 && (bits & ObjectBits.Escaped) == 0)
            {
                Sink.Report(
                    Descriptors.LostOrDoubleAwait, Descriptors.MaybeLostOrDoubleAwait, (bits & ObjectBits.Pending) == 0 && !ids.Contains(FlowState.Untracked),
                    where.Syntax.GetLocation(), null, "This I/O token was already awaited or waited; a token completes only once");
            }

            state.Objects[token] = current.With(ObjectBits.Consumed | (bits & ObjectBits.Escaped));
            EndLoans(token, certain: true);
            var site = sites[ObjectId.SiteOf(token)];
            if (site.PopGivesBuffer)
            {
                var slot = ObjectId.SlotOf(token) == ObjectId.Fresh ? ObjectId.PoppedFresh : ObjectId.PoppedOlder;
                result = result.Union(slot == ObjectId.PoppedFresh
                    ? NewObject(site, slot, ObjectBits.Live)
                    : JoinLive(ObjectId.Of(site.Index, slot)));
            }
        }

        return result;
    }

    private ImmutableHashSet<int> JoinLive(int id)
    {
        state.Objects[id] = state.Objects.TryGetValue(id, out var old)
            ? old.Join(new ObjectState(ObjectBits.Live, FlowState.NoObjects))
            : new ObjectState(ObjectBits.Live, FlowState.NoObjects);
        return ImmutableHashSet.Create(id);
    }

    private void EndLoans(int token, bool certain)
    {
        List<int>? lent = null;
        foreach (var pair in state.Objects)
        {
            if (pair.Value.Loans.Contains(token))
            {
                (lent ??= new List<int>()).Add(pair.Key);
            }
        }

        if (lent is null)
        {
            return;
        }

        foreach (var id in lent)
        {
            var current = state.Objects[id];

            var loans = certain ? current.Loans.Remove(token) : current.Loans;
            var bits = current.Bits | ObjectBits.Live;
            if (loans.IsEmpty)
            {
                bits &= ~ObjectBits.Lent;
            }

            state.Objects[id] = new ObjectState(bits, loans);
        }
    }

    /// <summary>Drops every object no variable holds: a pending token is lost (DEMI004), an owned buffer leaks (DEMI002).</summary>
    private void Collect()
    {
        List<int>? dead = null;
        foreach (var id in state.Objects.Keys)
        {
            if (!IsHeld(id))
            {
                (dead ??= new List<int>()).Add(id);
            }
        }

        if (dead is null)
        {
            return;
        }

        foreach (var token in dead.Where(IsToken))
        {
            var bits = state.Objects[token].Bits;
            if ((bits & ObjectBits.Pending) != 0 && (bits & ObjectBits.Escaped) == 0)
            {
                Sink.Report(
                    Descriptors.LostOrDoubleAwait, Descriptors.MaybeLostOrDoubleAwait, bits == ObjectBits.Pending,
                    sites[ObjectId.SiteOf(token)].Location, null, "The I/O started here is never waited or awaited, so its completion is lost");
            }

            EndLoans(token, certain: true);
            state.Objects.Remove(token);
        }

        foreach (var buffer in dead.Where(id => !IsToken(id)))
        {
            var bits = state.Objects[buffer].Bits;
            if (sites[ObjectId.SiteOf(buffer)].Obligated && (bits & (ObjectBits.Live | ObjectBits.Lent)) != 0)
            {
                var definite = (bits & ~(ObjectBits.Live | ObjectBits.Lent | ObjectBits.Empty)) == 0;
                Sink.Report(Descriptors.Leak, Descriptors.MaybeLeak, definite, sites[ObjectId.SiteOf(buffer)].Location, null);
            }

            state.Objects.Remove(buffer);
        }
    }

    private bool IsHeld(int id)
    {
        foreach (var ids in state.Variables.Values)
        {
            if (ids.Contains(id))
            {
                return true;
            }
        }

        return false;
    }

    private void SetBits(ImmutableHashSet<int> ids, ObjectBits bits)
    {
        foreach (var id in Buffers(ids).ToList())
        {
            state.Objects[id] = new ObjectState(bits, FlowState.NoObjects);
        }
    }

    /// <summary>
    /// Definite: on every path the object is in <paramref name="bad"/>, not counting paths where it is known empty
    /// (an empty buffer owns nothing, so those paths neither break nor satisfy a rule).
    /// </summary>
    private bool Only(int id, ObjectBits bad) => (state.Objects[id].Bits & ~ObjectBits.Empty) == bad;

    private bool Has(int id, ObjectBits bit) => (state.Objects[id].Bits & bit) != 0;

    /// <summary>The local holding the token of a loan, so the DEMI001 fix can move the access after its await.</summary>
    private string? TokenVariableOf(List<int> buffers)
    {
        var loans = buffers.SelectMany(id => state.Objects[id].Loans).ToImmutableHashSet();
        foreach (var pair in state.Variables)
        {
            if (pair.Key is ILocalSymbol local && pair.Value.Overlaps(loans))
            {
                return local.Name;
            }
        }

        return null;
    }

    private static string NameOf(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IConversionOperation conversion => NameOf(conversion.Operand),
        IPropertyReferenceOperation { Property.Name: "Sga", Instance: { } instance } => NameOf(instance) + ".Sga",
        _ => operation.Syntax.ToString(),
    };
}
