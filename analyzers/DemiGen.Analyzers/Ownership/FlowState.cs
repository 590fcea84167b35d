using System.Collections.Generic;
using System.Collections.Immutable;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// The abstract state at one program point: which objects each variable (local, parameter or flow capture) may
/// hold, and the state of every live object. Aliases are variables holding the same object id.
/// </summary>
internal sealed class FlowState
{
    public static readonly ImmutableHashSet<int> NoObjects = ImmutableHashSet<int>.Empty;

    private FlowState(Dictionary<object, ImmutableHashSet<int>> variables, Dictionary<int, ObjectState> objects)
    {
        Variables = variables;
        Objects = objects;
    }

    public FlowState()
        : this(new Dictionary<object, ImmutableHashSet<int>>(), new Dictionary<int, ObjectState>())
    {
    }

    /// <summary>Keys are ILocalSymbol, IParameterSymbol or CaptureId.</summary>
    public Dictionary<object, ImmutableHashSet<int>> Variables { get; }

    public Dictionary<int, ObjectState> Objects { get; }

    public FlowState Clone() =>
        new(new Dictionary<object, ImmutableHashSet<int>>(Variables), new Dictionary<int, ObjectState>(Objects));

    public ImmutableHashSet<int> Read(object variable) => Variables.TryGetValue(variable, out var ids) ? ids : NoObjects;

    /// <summary>
    /// A variable assigned a value we do not track (default, a field, ...) holds this marker, so that after a join
    /// it "may hold nothing of ours" and a violation through it is reported as "maybe", not definite.
    /// </summary>
    public const int Untracked = -1;

    private static readonly ImmutableHashSet<int> UntrackedOnly = ImmutableHashSet.Create(Untracked);

    public void Write(object variable, ImmutableHashSet<int> ids) => Variables[variable] = ids.IsEmpty ? UntrackedOnly : ids;

    /// <summary>Moves object <paramref name="from"/> into <paramref name="to"/> (joining if present), in every variable.</summary>
    public void Rename(int from, int to)
    {
        if (!Objects.TryGetValue(from, out var moving))
        {
            return;
        }

        Objects.Remove(from);
        Objects[to] = Objects.TryGetValue(to, out var existing) ? existing.Join(moving) : moving;
        foreach (var key in new List<object>(Variables.Keys))
        {
            var ids = Variables[key];
            if (ids.Contains(from))
            {
                Variables[key] = ids.Remove(from).Add(to);
            }
        }

        foreach (var id in new List<int>(Objects.Keys))
        {
            var state = Objects[id];
            if (state.Loans.Contains(from))
            {
                Objects[id] = new ObjectState(state.Bits, state.Loans.Remove(from).Add(to));
            }
        }
    }

    /// <summary>The join of two paths: union of each variable's objects and of each object's states.</summary>
    public FlowState Join(FlowState other)
    {
        var result = Clone();
        foreach (var pair in other.Variables)
        {
            result.Variables[pair.Key] = result.Variables.TryGetValue(pair.Key, out var mine) ? mine.Union(pair.Value) : pair.Value;
        }

        foreach (var pair in other.Objects)
        {
            result.Objects[pair.Key] = result.Objects.TryGetValue(pair.Key, out var mine) ? mine.Join(pair.Value) : pair.Value;
        }

        return result;
    }

    public bool SameAs(FlowState other)
    {
        if (Variables.Count != other.Variables.Count || Objects.Count != other.Objects.Count)
        {
            return false;
        }

        foreach (var pair in Variables)
        {
            if (!other.Variables.TryGetValue(pair.Key, out var ids) || !ids.SetEquals(pair.Value))
            {
                return false;
            }
        }

        foreach (var pair in Objects)
        {
            if (!other.Objects.TryGetValue(pair.Key, out var state) || !state.Equals(pair.Value))
            {
                return false;
            }
        }

        return true;
    }
}
