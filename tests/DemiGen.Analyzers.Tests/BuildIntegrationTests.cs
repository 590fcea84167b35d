using System.Diagnostics;
using System.Text.RegularExpressions;
using DemiGen.Analyzers.Tests.Infrastructure;

namespace DemiGen.Analyzers.Tests;

/// <summary>
/// The IDE/command-line path: a small project that references the analyzer project as an analyzer
/// (<c>OutputItemType="Analyzer"</c>) gets the DEMI diagnostics from a plain <c>dotnet build</c>.
/// </summary>
public partial class BuildIntegrationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("demigen-analyzer-build-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Dotnet_build_reports_the_analyzer_diagnostics()
    {
        var repository = Repository.Root;
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{typeof(LibOS).Assembly.Location}" />
                <ProjectReference Include="{Path.Combine(repository, "analyzers", "DemiGen.Analyzers", "DemiGen.Analyzers.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Handlers.cs"), """
            using DemiGen;

            namespace Consumer;

            public static class Handlers
            {
                [DemiHandler]
                public static async DemiTask Serve(LibOS os, QDesc qd)
                {
                    Sga data = await os.PopAsync(qd);
                    Thread.Sleep(1);
                    await os.CloseAsync(qd);
                }

                public static void Maybe(LibOS os, QDesc qd, bool wait)
                {
                    QToken close = os.Close(qd);
                    if (wait)
                    {
                        os.Wait(close);
                    }
                }
            }
            """);

        var (exitCode, output) = await RunAsync("dotnet", "build Consumer.csproj -nologo -v:q -nodeReuse:false -p:TreatWarningsAsErrors=false");

        var found = DiagnosticLine().Matches(output).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value}").Distinct().Order().ToList();
        Assert.NotEqual(0, exitCode);
        Assert.Equal(["Handlers.cs(10,26) error DEMI002", "Handlers.cs(11,9) error DEMI005", "Handlers.cs(17,24) warning DEMI104"], found);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"(Handlers\.cs\(\d+,\d+\)): (warning|error) (DEMI\d{3})")]
    private static partial Regex DiagnosticLine();
}
