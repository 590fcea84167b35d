using DemiGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DemiGen.Generators.Tests.Diagnostics;

/// <summary>Every construct the lowering rejects is a DEMIG error at the right place, and no coroutine is generated for it.</summary>
public sealed class DiagnosticTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "DEMIG001", "public static class NotPartial { [DemiHandler] public static async DemiTask H(LibOS os) { await os.YieldAsync(); } }", "H" },
        { "DEMIG002", "public static partial class P { [DemiHandler] public static async System.Threading.Tasks.Task H(LibOS os) { await os.YieldAsync(); } }", "System.Threading.Tasks.Task" },
        { "DEMIG003", "public static partial class P { [DemiHandler] public static async DemiTask H(LibOS os, int[] values, System.Span<int> span) { await os.YieldAsync(); } }", "System.Span<int> span" },
        { "DEMIG004", "public ref partial struct P { [DemiHandler] public async DemiTask H(LibOS os) { await os.YieldAsync(); } }", "H" },
        { "DEMIG004", "public partial interface P { [DemiHandler] public async DemiTask H(LibOS os) { await os.YieldAsync(); } }", "H" },
        { "DEMIG004", "public static partial class P { [DemiHandler] public static async DemiTask H<T>(LibOS os) where T : allows ref struct { await os.YieldAsync(); } }", "H" },
        { "DEMIG004", "public static partial class P<T> { [DemiHandler] public static async DemiTask H(LibOS os) { await os.YieldAsync(); } }", "H" },
        { "DEMIG009", "public partial class P { public override string ToString() => \"p\"; [DemiHandler] public async DemiTask H(LibOS os) { await os.YieldAsync(); _ = base.ToString(); } }", "base" },
        { "DEMIG009", "public partial class P(int start) { [DemiHandler] public async DemiTask H(LibOS os) { await os.YieldAsync(); System.Console.WriteLine(start); } }", "start" },
        { "DEMIG009", "public partial class P { [DemiHandler] public async DemiTask H(LibOS os, P? other) { await os.YieldAsync(); DemiTask? started = other?.H(os, null); } }", "other?.H(os, null)" },
        { "DEMIG005", "public static partial class P { [DemiHandler] public static async DemiTask H(LibOS os) { System.ReadOnlySpan<char> text = \"ab\"; await os.YieldAsync(); Log(text.Length); } static void Log(int n) { } }", "text = \"ab\"" },
        { "DEMIG006", "public static partial class P { static readonly object Gate = new(); [DemiHandler] public static async DemiTask H(LibOS os) { lock (Gate) { } await os.YieldAsync(); } }", "lock (Gate) { }" },
        { "DEMIG007", "public static partial class P { [DemiHandler] public static async DemiTask H(LibOS os) { await os.YieldAsync(); yield break; } }", "yield break;" },
        { "DEMIG008", "public static partial class P { [DemiHandler] public static async DemiTask H(LibOS os) { await System.Threading.Tasks.Task.Delay(1); } }", "await System.Threading.Tasks.Task.Delay(1)" },
        { "DEMIG009", "public static partial class P { [DemiHandler] public static async DemiTask H(LibOS os) { checked { await os.YieldAsync(); } } }", "checked { await os.YieldAsync(); }" },
        { "DEMIG010", "public static partial class P { [DemiHandler] public static async DemiTask<int> H(LibOS os, bool b) { return new System.Collections.Generic.Dictionary<int, int> { [1] = await C(os) }.Count; } [DemiHandler] public static async DemiTask<int> C(LibOS os) { await os.YieldAsync(); return 1; } }", "new System.Collections.Generic.Dictionary<int, int> { [1] = await C(os) }" },
        { "DEMIG011", "public static partial class P { [DemiHandler] public static async DemiTask H(LibOS os, int n) { System.Func<int> f = () => n; await os.YieldAsync(); } }", "n" },
        { "DEMIG011", "public partial class P { private int count; [DemiHandler] public async DemiTask H(LibOS os) { System.Func<int> f = () => count; await os.YieldAsync(); } }", "count" },
        { "DEMIG012", "public static partial class P { [DemiHandler] public static async DemiTask H(LibOS os) { await os.YieldAsync(); } public static System.Func<LibOS, DemiTask> Get() => H; }", "H" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UnsupportedConstructIsReportedWithItsId(string id, string members, string flagged)
    {
        Compilation compilation = TestCompiler.Compilation(("Handler.cs", "using DemiGen;\n" + members));
        Diagnostic diagnostic = Assert.Single(TestCompiler.AnalyzerDiagnostics(compilation).Where(d => d.Id.StartsWith("DEMIG", StringComparison.Ordinal)));
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(flagged, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal($"docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md")), $"no help page for {id}");
    }

    public static TheoryData<string> LoweringRejections()
    {
        TheoryData<string> members = new();
        foreach (object[] row in Cases().Where(r => (string)r[0] != "DEMIG012"))
        {
            members.Add((string)row[1]);
        }

        return members;
    }

    [Theory]
    [MemberData(nameof(LoweringRejections))]
    public void RejectedHandlerGetsNoCoroutine(string members)
    {
        (_, IReadOnlyDictionary<string, string> generated) = TestCompiler.Generate(TestCompiler.Compilation(("Handler.cs", "using DemiGen;\n" + members)));
        Assert.DoesNotContain(generated.Keys, k => k.EndsWith(".HCoroutine.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void SupportedHandlersHaveNoDiagnostics()
    {
        string source = $$"""
            using System;
            using System.Collections.Generic;
            using DemiGen;

            public sealed class Resource(string name) : IDisposable
            {
                public void Dispose() => Program.Log(name);
            }

            public static partial class Program
            {
                public static void Log(object? value) { }

                public static int Echo(int value) => value;

            {{Differential.Scenarios.Members}}
            }
            """;
        Assert.Empty(TestCompiler.AnalyzerDiagnostics(TestCompiler.Compilation(("Handler.cs", source))));
    }

    private static string RepositoryRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "DemiGen.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("DemiGen.sln not found above the test binaries.");
    }
}
