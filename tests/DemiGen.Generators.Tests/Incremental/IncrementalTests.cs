using System.Collections;
using System.Reflection;
using DemiGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DemiGen.Generators.Tests.Incremental;

/// <summary>The pipeline caches: unchanged handlers are not lowered or emitted again.</summary>
public sealed class IncrementalTests
{
    private const string Handler = """
        using DemiGen;

        namespace Samples;

        public static partial class Echo
        {
            [DemiHandler]
            public static async DemiTask Serve(LibOS os, QDesc qd)
            {
                Sga data = await os.PopAsync(qd);
                await os.PushAsync(qd, data);
                os.SgaFree(data);
            }
        }
        """;

    private const string Other = """
        namespace Samples;

        public static class Other
        {
            public static int Answer() => 42;
        }
        """;

    [Fact]
    public void SameInputIsCachedAtEveryStep()
    {
        CSharpCompilation compilation = TestCompiler.Compilation(("Echo.cs", Handler), ("Other.cs", Other));
        GeneratorDriver driver = TestCompiler.Driver().RunGenerators(compilation);
        GeneratorRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        Assert.All(Outputs(second, DemiHandlerGenerator.HandlerModelsStep), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void UnrelatedFileEditLeavesHandlerModelsCached()
    {
        CSharpCompilation compilation = TestCompiler.Compilation(("Echo.cs", Handler), ("Other.cs", Other));
        GeneratorDriver driver = TestCompiler.Driver().RunGenerators(compilation);
        CSharpCompilation edited = Replace(compilation, "Other.cs", Other.Replace("42", "43"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.All(Outputs(second, DemiHandlerGenerator.HandlerModelsStep), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void CommentAndWhitespaceEditInHandlerFileLeavesModelUnchanged()
    {
        CSharpCompilation compilation = TestCompiler.Compilation(("Echo.cs", Handler), ("Other.cs", Other));
        GeneratorDriver driver = TestCompiler.Driver().RunGenerators(compilation);
        string edited = Handler.Replace("os.SgaFree(data);", "os.SgaFree(data);   // released here").Replace("public static partial class Echo", "public  static  partial class Echo");
        GeneratorRunResult second = driver.RunGenerators(Replace(compilation, "Echo.cs", edited)).GetRunResult().Results.Single();
        IncrementalStepRunReason reason = Assert.Single(Outputs(second, DemiHandlerGenerator.HandlerModelsStep));
        Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, $"the model step ran as {reason}");
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.NotEqual(IncrementalStepRunReason.Modified, o.Reason));
    }

    [Fact]
    public void BodyEditModifiesModelAndOutput()
    {
        CSharpCompilation compilation = TestCompiler.Compilation(("Echo.cs", Handler), ("Other.cs", Other));
        GeneratorDriver driver = TestCompiler.Driver().RunGenerators(compilation);
        string edited = Handler.Replace("os.SgaFree(data);", "os.SgaFree(data); await os.YieldAsync();");
        GeneratorDriver after = driver.RunGenerators(Replace(compilation, "Echo.cs", edited));
        GeneratorRunResult second = after.GetRunResult().Results.Single();
        Assert.Equal([IncrementalStepRunReason.Modified], Outputs(second, DemiHandlerGenerator.HandlerModelsStep));
        Assert.Contains("YieldAsync", second.GeneratedSources.Single(s => s.HintName == "Samples.Echo.ServeCoroutine.g.cs").SourceText.ToString());
    }

    [Fact]
    public void ModelGraphHoldsNoSymbolsSyntaxOrCompilation()
    {
        CSharpCompilation compilation = TestCompiler.Compilation(("Echo.cs", Handler));
        GeneratorRunResult run = TestCompiler.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        object model = run.TrackedSteps[DemiHandlerGenerator.HandlerModelsStep].Single().Outputs.Single().Value;
        Assert.Equal("HandlerModel", model.GetType().Name);
        AssertPlainData(model, new HashSet<object>(ReferenceEqualityComparer.Instance));
    }

    private static void AssertPlainData(object? value, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or Compilation or SyntaxNode or Location or SemanticModel, $"the model holds a {value.GetType()}");
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertPlainData(item, seen);
            }

            return;
        }

        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0)
            {
                AssertPlainData(property.GetValue(value), seen);
            }
        }
    }

    private static IncrementalStepRunReason[] Outputs(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, TestCompiler.ParseOptions, path, System.Text.Encoding.UTF8));
    }
}
