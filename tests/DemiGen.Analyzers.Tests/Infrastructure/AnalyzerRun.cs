using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DemiGen.Analyzers.Tests.Infrastructure;

/// <summary>Compiles one source file against the offline references and runs every DemiGen analyzer over it.</summary>
internal static class AnalyzerRun
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        ImmutableArray.Create<DiagnosticAnalyzer>(new OwnershipAnalyzer(), new BlockingCallAnalyzer());

    // Adding trees to one empty compilation reuses its bound references: each program then costs only itself.
    private static readonly CSharpCompilation Empty = CSharpCompilation.Create(
        "Corpus",
        references: TestReferences.All,
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static async Task<(ImmutableArray<Diagnostic> Compiler, ImmutableArray<Diagnostic> Analyzers)> RunAsync(string source, string path = "Program.cs")
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview), path);
        var compilation = Empty.AddSyntaxTrees(tree);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        var diagnostics = await compilation.WithAnalyzers(Analyzers).GetAnalyzerDiagnosticsAsync();
        return (errors, diagnostics);
    }
}
