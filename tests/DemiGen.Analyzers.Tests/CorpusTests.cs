using System.Text.RegularExpressions;
using DemiGen.Analyzers.Tests.Infrastructure;

namespace DemiGen.Analyzers.Tests;

/// <summary>
/// The corpus: small programs, half correct and half with exactly one known bug. Each expected diagnostic is
/// written beside the line it is reported on as <c>// expect: DEMI00N</c>. Correct programs expect nothing.
/// </summary>
public partial class CorpusTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> Correct => Programs("Correct");

    public static TheoryData<string> Buggy => Programs("Buggy");

    [Fact]
    public void The_corpus_holds_at_least_thirty_correct_and_thirty_buggy_programs()
    {
        Assert.True(Correct.Count >= 30, $"{Correct.Count} correct programs");
        Assert.True(Buggy.Count >= 30, $"{Buggy.Count} buggy programs");
    }

    [Theory]
    [MemberData(nameof(Correct))]
    public async Task A_correct_program_gets_no_diagnostic(string name)
    {
        var found = await DiagnosticsOf("Correct", name);
        Assert.Empty(found);
    }

    [Theory]
    [MemberData(nameof(Buggy))]
    public async Task A_buggy_program_gets_exactly_its_one_expected_diagnostic(string name)
    {
        var source = File.ReadAllText(Path.Combine(Root, "Buggy", name));
        var expected = Expectations(source);
        Assert.Single(expected);
        var found = await DiagnosticsOf("Buggy", name);
        Assert.Equal(expected, found);
    }

    private static async Task<List<string>> DiagnosticsOf(string folder, string name)
    {
        var source = File.ReadAllText(Path.Combine(Root, folder, name));
        var (errors, diagnostics) = await AnalyzerRun.RunAsync(source, name);
        Assert.Empty(errors);
        return diagnostics
            .Select(d => $"{d.Id} line {d.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> Expectations(string source) =>
        source.Split('\n')
            .Select((line, index) => (Match: ExpectComment().Match(line), Line: index + 1))
            .Where(x => x.Match.Success)
            .Select(x => $"{x.Match.Groups[1].Value} line {x.Line}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static TheoryData<string> Programs(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Root, folder), "*.cs").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [GeneratedRegex(@"// expect: (DEMI\d{3})")]
    private static partial Regex ExpectComment();
}
