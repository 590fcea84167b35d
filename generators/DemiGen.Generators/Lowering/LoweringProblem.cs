using Microsoft.CodeAnalysis;

namespace DemiGen.Generators.Lowering;

/// <summary>A construct the lowering rejects; the analyzer reports it, the generator then emits nothing for the handler.</summary>
internal sealed class LoweringProblem
{
    public LoweringProblem(DiagnosticDescriptor descriptor, Location location, params object[] arguments)
    {
        Descriptor = descriptor;
        Location = location;
        Arguments = arguments;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public Location Location { get; }

    public object[] Arguments { get; }

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Arguments);
}
