using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// A forward worklist over one <see cref="ControlFlowGraph"/>: block in-states are joined until nothing changes,
/// then one silent-free pass over every block reports from the fixpoint states.
/// A finally region runs with the join of the states that enter it and continues to every destination they had;
/// a catch region starts from the join of the states seen inside its try.
/// </summary>
internal sealed class FlowEngine
{
    private readonly ControlFlowGraph graph;
    private readonly FlowInterpreter interpreter;
    private readonly FlowState?[] inStates;
    private readonly Dictionary<ControlFlowRegion, HashSet<int>> finallyContinuations = new();
    private readonly Queue<int> worklist = new();
    private readonly HashSet<int> queued = new();

    private FlowEngine(ControlFlowGraph graph, FlowInterpreter interpreter)
    {
        this.graph = graph;
        this.interpreter = interpreter;
        inStates = new FlowState?[graph.Blocks.Length];
    }

    /// <summary>Analyzes <paramref name="graph"/>; false when the fixpoint took too long (then nothing is reported).</summary>
    public static bool Run(ControlFlowGraph graph, FlowInterpreter interpreter, FlowState entry, CancellationToken cancellation)
    {
        var engine = new FlowEngine(graph, interpreter);
        interpreter.Sink.Enabled = false;
        engine.Flow(0, entry);
        var budget = 64 * graph.Blocks.Length + 256;
        while (engine.worklist.Count > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            if (--budget < 0)
            {
                return false;
            }

            var ordinal = engine.worklist.Dequeue();
            engine.queued.Remove(ordinal);
            engine.Transfer(ordinal, propagate: true);
        }

        interpreter.Sink.Enabled = true;
        for (var ordinal = 0; ordinal < graph.Blocks.Length; ordinal++)
        {
            engine.Transfer(ordinal, propagate: false);
        }

        interpreter.Sink.Enabled = false;
        return true;
    }

    private void Transfer(int ordinal, bool propagate)
    {
        var input = inStates[ordinal];
        var block = graph.Blocks[ordinal];
        if (input is null || !block.IsReachable)
        {
            return;
        }

        var state = input.Clone();
        if (block.Kind == BasicBlockKind.Exit)
        {
            interpreter.Exit(state);
            return;
        }

        foreach (var operation in block.Operations)
        {
            interpreter.Statement(state, operation);
        }

        var fallThrough = block.FallThroughSuccessor;
        if (block.BranchValue is { } value)
        {
            var semantics = fallThrough?.Semantics ?? ControlFlowBranchSemantics.None;
            interpreter.BranchValue(state, value, semantics);
            if (semantics is ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow)
            {
                return;
            }
        }

        if (!propagate)
        {
            return;
        }

        if (block.ConditionalSuccessor is { } conditional && block.BranchValue is { } condition)
        {
            var takenWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
            if (condition.ConstantValue is { HasValue: true, Value: bool constant })
            {
                // while (true): only one edge is feasible.
                if (constant == takenWhen)
                {
                    Follow(conditional, state);
                    return;
                }
            }
            else
            {
                var whenTaken = state.Clone();
                interpreter.Refine(whenTaken, condition, takenWhen);
                Follow(conditional, whenTaken);
                interpreter.Refine(state, condition, !takenWhen);
            }
        }

        if (fallThrough is null)
        {
            return;
        }

        if (fallThrough.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling && EnclosingFinally(block) is { } region)
        {
            if (finallyContinuations.TryGetValue(region, out var continuations))
            {
                foreach (var target in continuations)
                {
                    Flow(target, state);
                }
            }

            return;
        }

        Follow(fallThrough, state);
    }

    private void Follow(ControlFlowBranch branch, FlowState state)
    {
        if (branch.FinallyRegions.Length > 0)
        {
            for (var i = 0; i < branch.FinallyRegions.Length; i++)
            {
                var next = i + 1 < branch.FinallyRegions.Length ? branch.FinallyRegions[i + 1].FirstBlockOrdinal : branch.Destination?.Ordinal;
                if (next is int target && AddContinuation(branch.FinallyRegions[i], target))
                {
                    // A new way out of this finally: run its last block again so the state reaches it.
                    Requeue(branch.FinallyRegions[i].LastBlockOrdinal);
                }
            }

            Flow(branch.FinallyRegions[0].FirstBlockOrdinal, state);
            return;
        }

        if (branch.Destination is { } destination)
        {
            Flow(destination.Ordinal, state);
        }
    }

    private void Flow(int ordinal, FlowState state)
    {
        var existing = inStates[ordinal];
        var joined = existing is null ? state.Clone() : existing.Join(state);
        if (existing is not null && existing.SameAs(joined))
        {
            return;
        }

        inStates[ordinal] = joined;
        Requeue(ordinal);
        foreach (var handler in CatchHandlersAround(graph.Blocks[ordinal]))
        {
            Flow(handler, joined);
        }
    }

    private void Requeue(int ordinal)
    {
        if (inStates[ordinal] is not null && queued.Add(ordinal))
        {
            worklist.Enqueue(ordinal);
        }
    }

    private bool AddContinuation(ControlFlowRegion region, int target)
    {
        if (!finallyContinuations.TryGetValue(region, out var targets))
        {
            targets = new HashSet<int>();
            finallyContinuations[region] = targets;
        }

        return targets.Add(target);
    }

    private static ControlFlowRegion? EnclosingFinally(BasicBlock block)
    {
        for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind == ControlFlowRegionKind.Finally)
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>The first blocks of the catch handlers whose try contains <paramref name="block"/>.</summary>
    private IEnumerable<int> CatchHandlersAround(BasicBlock block)
    {
        // Stop at this graph's root: the root region of a lambda's graph encloses regions of the graph it sits in,
        // whose block ordinals are not this graph's.
        for (var region = block.EnclosingRegion; region is not null && region != graph.Root; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion?.Kind != ControlFlowRegionKind.TryAndCatch)
            {
                continue;
            }

            foreach (var sibling in region.EnclosingRegion.NestedRegions)
            {
                if (sibling.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler)
                {
                    yield return sibling.FirstBlockOrdinal;
                }
            }
        }
    }
}
