using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using DemiGen.Generators;
using DemiGen.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DemiGen.Generators.Tests.Infrastructure;

/// <summary>Compiles test programs in memory over the .NET 10 reference assemblies and DemiGen.Runtime.</summary>
internal static class TestCompiler
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", "DemiGen.Generated")]);

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(LibOS).Assembly.Location),
    ];

    private static int counter;

    public static CSharpCompilation Compilation(params (string Path, string Source)[] files) => CSharpCompilation.Create(
        $"DemiGenTest{Interlocked.Increment(ref counter)}",
        files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path, System.Text.Encoding.UTF8)),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Debug));

    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new DemiHandlerGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the compilation with the generated files and the generated sources by hint name.</summary>
    public static (Compilation Output, IReadOnlyDictionary<string, string> Generated) Generate(CSharpCompilation compilation)
    {
        GeneratorDriver driver = Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Dictionary<string, string> generated = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return (output, generated);
    }

    public static ImmutableArray<Diagnostic> AnalyzerDiagnostics(Compilation compilation) => compilation
        .WithAnalyzers([new DemiHandlerAnalyzer(), new HandlerMethodGroupAnalyzer()])
        .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    /// <summary>Emits <paramref name="compilation"/> (failing on any error) into a collectible load context.</summary>
    public static LoadedProgram Load(Compilation compilation)
    {
        using MemoryStream image = new();
        using MemoryStream symbols = new();
        var emitted = compilation.Emit(image, symbols, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb));
        if (!emitted.Success)
        {
            string errors = string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            string sources = string.Join("\n\n", compilation.SyntaxTrees.Select(t => $"// {t.FilePath}\n{t}"));
            Assert.Fail($"compilation failed:\n{errors}\n\n{sources}");
        }

        image.Position = 0;
        symbols.Position = 0;
        AssemblyLoadContext context = new($"demigen-test-{compilation.AssemblyName}", isCollectible: true);
        return new LoadedProgram(context, context.LoadFromStream(image, symbols));
    }
}

/// <summary>A test program loaded into its own collectible context; dispose to unload it.</summary>
internal sealed class LoadedProgram(AssemblyLoadContext context, Assembly assembly) : IDisposable
{
    public object? Invoke(string type, string method, params object?[] arguments)
    {
        MethodInfo target = assembly.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            return target.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    public void Dispose() => context.Unload();
}
