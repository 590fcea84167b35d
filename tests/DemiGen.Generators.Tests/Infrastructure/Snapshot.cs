using System.Runtime.CompilerServices;

namespace DemiGen.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/NAME.verified.cs</c>. Set DEMIGEN_UPDATE_SNAPSHOTS=1 to
/// rewrite the baselines instead (then review the diff and commit it).
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(ProjectDirectory(callerPath), "Snapshots");
        string path = Path.Combine(directory, name + ".verified.cs");
        string normalized = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("DEMIGEN_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, normalized);
            return;
        }

        Assert.True(File.Exists(path), $"No baseline {path}; run with DEMIGEN_UPDATE_SNAPSHOTS=1 to create it.");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == normalized)
        {
            return;
        }

        string[] expectedLines = expected.Split('\n');
        string[] actualLines = normalized.Split('\n');
        int line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        string want = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
        string got = line < actualLines.Length ? actualLines[line] : "<end of file>";
        Assert.Fail($"{name} differs from {path} at line {line + 1}:\n  expected: {want}\n  actual:   {got}\nRun with DEMIGEN_UPDATE_SNAPSHOTS=1 to accept the new output.");
    }

    private static string ProjectDirectory(string callerPath)
    {
        for (string? dir = Path.GetDirectoryName(callerPath); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "DemiGen.Generators.Tests.csproj")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No test project above {callerPath}.");
    }
}
