using System.Diagnostics;
using System.Text;

namespace DemiGen.Package.Tests;

/// <summary>What a finished process printed and how it ended.</summary>
public sealed record CliResult(string Command, int ExitCode, string Output)
{
    /// <summary>Throws with the command and its whole output unless it exited with 0.</summary>
    public CliResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}:\n{Output}");
}

/// <summary>
/// Runs the dotnet CLI the way a user would, with a private NuGet packages folder (so a re-packed DemiGen of the
/// same version is never shadowed by an older copy in the machine's cache) and without the MSBuild variables the
/// test host inherits from `dotnet test`.
/// </summary>
public sealed class DotnetCli(string packagesFolder)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(150);

    /// <summary>Runs `dotnet arguments` in <paramref name="directory"/> and waits for it (bounded).</summary>
    public CliResult Run(string directory, params string[] arguments)
    {
        using Process process = Start(directory, arguments);
        StringBuilder output = new();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'dotnet {string.Join(' ', arguments)}' did not finish in {Limit}:\n{Read(output)}");
        }

        process.WaitForExit();
        return new CliResult("dotnet " + string.Join(' ', arguments), process.ExitCode, Read(output));
    }

    /// <summary>Starts `dotnet arguments` and leaves it running; the caller reads its streams and ends it.</summary>
    public Process Start(string directory, params string[] arguments)
    {
        ProcessStartInfo start = new("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NUGET_PACKAGES"] = packagesFolder;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
