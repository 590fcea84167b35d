using DemiGen.Tcp.Tests.Scripting;
using Xunit;

namespace DemiGen.Tcp.Tests;

/// <summary>Every script under Scripts/ runs as one case.</summary>
public class ScriptTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Scripts");

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (string file in System.IO.Directory.GetFiles(Directory, "*.tcpscript").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Runs(string script) => ScriptRunner.Run(Path.Combine(Directory, script));

    [Fact]
    public void AtLeastThirtyScriptsExist() => Assert.True(Scripts().Count >= 30, $"only {Scripts().Count} scripts");
}
