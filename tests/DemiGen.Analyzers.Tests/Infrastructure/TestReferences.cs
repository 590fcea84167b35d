using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace DemiGen.Analyzers.Tests.Infrastructure;

/// <summary>Offline references: the .NET 10 reference assemblies from Basic.Reference.Assemblies, plus DemiGen.Runtime.</summary>
internal static class TestReferences
{
    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(LibOS).Assembly.Location);

    public static IEnumerable<MetadataReference> All =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Append(Runtime);
}
