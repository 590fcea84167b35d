using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// Collects the flow diagnostics of one method. Silent while the fixpoint runs; in the final pass it keeps one
/// diagnostic per rule and location, and drops a "maybe" one where the definite one was also found.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly Dictionary<(string Rule, Location Location), Diagnostic> found = new();

    public bool Enabled { get; set; }

    public IEnumerable<Diagnostic> Diagnostics => found.Values;

    public void Report(
        DiagnosticDescriptor definite,
        DiagnosticDescriptor maybe,
        bool isDefinite,
        Location location,
        ImmutableDictionary<string, string?>? properties,
        params object[] args)
    {
        if (!Enabled)
        {
            return;
        }

        var key = (definite.Id, location);
        if (found.TryGetValue(key, out var existing) && (existing.Id == definite.Id || !isDefinite))
        {
            return;
        }

        found[key] = Diagnostic.Create(isDefinite ? definite : maybe, location, properties, args);
    }
}
