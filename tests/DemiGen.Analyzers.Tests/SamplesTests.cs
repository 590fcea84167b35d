using System.Collections.Immutable;
using DemiGen.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DemiGen.Analyzers.Tests;

/// <summary>The shipped samples are correct DemiGen code: no DEMI diagnostic may fire on them.</summary>
public class SamplesTests
{
    // The SDK's implicit usings for a console project, which the samples rely on.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(Repository.Root, "samples"), "*.csproj", SearchOption.AllDirectories))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(project)!));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task No_diagnostic_fires_on_a_sample(string sample)
    {
        var folder = Path.Combine(Repository.Root, "samples", sample);
        var trees = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, path: "ImplicitUsings.cs"));
        var compilation = CSharpCompilation.Create(
            sample,
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new OwnershipAnalyzer(), new BlockingCallAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(diagnostics.Select(d => d.ToString()));
    }
}
