using System.IO.Compression;

namespace DemiGen.Package.Tests;

/// <summary>A fresh project outside the solution consumes the packed package from a local folder feed.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class ConsumerTests(PackedPackage package)
{
    [Fact]
    public void PackageHoldsRuntimeRoslynComponentsTargetsReadmeAndSymbols()
    {
        string nupkg = Path.Combine(package.Feed, $"DemiGen.{package.Version}.nupkg");
        using ZipArchive archive = ZipFile.OpenRead(nupkg);
        string[] entries = [.. archive.Entries.Select(e => e.FullName)];
        Assert.Contains("lib/net10.0/DemiGen.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/DemiGen.Runtime.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/DemiGen.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/DemiGen.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/DemiGen.Analyzers.CodeFixes.dll", entries);
        Assert.Contains("build/DemiGen.targets", entries);
        Assert.Contains("buildTransitive/DemiGen.targets", entries);
        Assert.Contains("README.md", entries);

        string nuspec = new StreamReader(archive.GetEntry("DemiGen.nuspec")!.Open()).ReadToEnd();
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("<readme>README.md</readme>", nuspec);
        Assert.Contains("<tags>", nuspec);
        Assert.DoesNotContain("<dependency ", nuspec);

        using ZipArchive symbols = ZipFile.OpenRead(Path.ChangeExtension(nupkg, ".snupkg"));
        Assert.Contains("lib/net10.0/DemiGen.Runtime.pdb", symbols.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void FreshProjectBuildsRunsItsHandlerAsGeneratedCoroutineAndSeesTheSeededOwnershipBug()
    {
        // The commands of docs/getting-started.md, "In a project of your own".
        string folder = package.NewProjectFolder("consumer");
        string project = Path.Combine(folder, "Consumer");
        package.Cli.Run(folder, "new", "console", "-n", "Consumer", "-o", project).EnsureSuccess();
        package.Cli.Run(project, "add", "package", "DemiGen", "--version", package.Version).EnsureSuccess();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumer"), "*.txt"))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileNameWithoutExtension(file)), overwrite: true);
        }

        CliResult build = package.Cli.Run(project, "build", "-nodeReuse:false").EnsureSuccess();
        Assert.Contains("Seeded.cs(16,22): warning DEMI103", build.Output);

        CliResult run = package.Cli.Run(project, "run").EnsureSuccess();
        Assert.Contains("sum=6 live-while-suspended=1 live-after=0 generated-coroutine=True", run.Output);
    }
}
