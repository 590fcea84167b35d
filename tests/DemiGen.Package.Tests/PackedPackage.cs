namespace DemiGen.Package.Tests;

/// <summary>
/// Packs the DemiGen package once per test run into a temporary folder that serves as a local feed, and owns the
/// temporary folders of the projects the tests create (all removed at the end).
/// </summary>
public sealed class PackedPackage : IDisposable
{
    /// <summary>Packs runtime/DemiGen.Runtime in Release into <see cref="Feed"/>.</summary>
    public PackedPackage()
    {
        Root = Directory.CreateTempSubdirectory("demigen-package-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        Cli = new DotnetCli(Directory.CreateDirectory(Path.Combine(Root, "packages")).FullName);
        RepositoryRoot = FindRepositoryRoot();
        PackOutput = Cli.Run(RepositoryRoot, "pack", "runtime/DemiGen.Runtime", "-c", "Release", "-o", Feed).EnsureSuccess().Output;
        string package = Directory.GetFiles(Feed, "DemiGen.*.nupkg").Single(p => !p.EndsWith(".snupkg", StringComparison.Ordinal));
        Version = Path.GetFileNameWithoutExtension(package)["DemiGen.".Length..];
    }

    /// <summary>The temporary folder everything of this run lives in.</summary>
    public string Root { get; }

    /// <summary>The local folder feed holding DemiGen.VERSION.nupkg and .snupkg.</summary>
    public string Feed { get; }

    /// <summary>The version that was packed.</summary>
    public string Version { get; }

    /// <summary>The folder holding DemiGen.sln.</summary>
    public string RepositoryRoot { get; }

    /// <summary>What `dotnet pack` printed.</summary>
    public string PackOutput { get; }

    /// <summary>The dotnet CLI with this run's private packages folder.</summary>
    public DotnetCli Cli { get; }

    /// <summary>A new empty folder under <see cref="Root"/> with a nuget.config that adds <see cref="Feed"/>.</summary>
    public string NewProjectFolder(string name)
    {
        string folder = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "nuget.config"), NuGetConfig(Feed));
        return folder;
    }

    /// <summary>A nuget.config that keeps the machine's default source and adds a local folder.</summary>
    public static string NuGetConfig(string feedFolder) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="demigen-local" value="{feedFolder}" />
          </packageSources>
        </configuration>
        """;

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "DemiGen.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException($"no DemiGen.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>The tests that share one packed package (xunit creates the fixture once for the collection).</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackage>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "packed DemiGen package";
}
