using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DemiGen.Package.Tests;

/// <summary>`dotnet new demigen-server` from the template folder makes a server that builds against the packed package and echoes.</summary>
[Collection(PackedPackageCollection.Name)]
public sealed class TemplateTests(PackedPackage package)
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task InstalledTemplateCreatesAServerThatEchoesOverLoopback()
    {
        string template = Path.Combine(package.RepositoryRoot, "templates", "DemiGen.Templates");
        // A private template hive: installing does not touch the machine's user settings.
        string hive = Path.Combine(package.Root, "template-hive");
        // The commands of docs/getting-started.md, "Create a server from the template".
        string folder = package.NewProjectFolder("template");
        string project = Path.Combine(folder, "EchoServer");

        package.Cli.Run(folder, "new", "install", template, "--debug:custom-hive", hive).EnsureSuccess();
        try
        {
            package.Cli.Run(folder, "new", "demigen-server", "-n", "EchoServer", "-o", project, "--DemiGenVersion", package.Version, "--debug:custom-hive", hive).EnsureSuccess();
            Assert.Contains($"Include=\"DemiGen\" Version=\"{package.Version}\"", File.ReadAllText(Path.Combine(project, "EchoServer.csproj")));

            CliResult build = package.Cli.Run(project, "build", "-nodeReuse:false").EnsureSuccess();
            Assert.DoesNotContain(": warning DEMI", build.Output);
            using Process server = package.Cli.Start(project, "run", "--", "0");
            try
            {
                IPEndPoint endpoint = await ListeningEndPoint(server);
                Assert.Equal("hello, demigen", await EchoOnce(endpoint, "hello, demigen"));
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
        finally
        {
            package.Cli.Run(folder, "new", "uninstall", template, "--debug:custom-hive", hive).EnsureSuccess();
        }
    }

    private static async Task<IPEndPoint> ListeningEndPoint(Process server)
    {
        using CancellationTokenSource limit = new(StartLimit);
        StringBuilder seen = new();
        while (await server.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            seen.AppendLine(line);
            const string marker = "listening on ";
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return IPEndPoint.Parse(line[(at + marker.Length)..].Split(';')[0]);
            }
        }

        throw new InvalidOperationException($"the server ended without listening:\n{seen}{await server.StandardError.ReadToEndAsync()}");
    }

    private static async Task<string> EchoOnce(IPEndPoint endpoint, string message)
    {
        using CancellationTokenSource limit = new(StartLimit);
        using TcpClient client = new();
        await client.ConnectAsync(endpoint, limit.Token);
        NetworkStream stream = client.GetStream();
        byte[] sent = Encoding.UTF8.GetBytes(message);
        await stream.WriteAsync(sent, limit.Token);
        byte[] received = new byte[sent.Length];
        await stream.ReadExactlyAsync(received, limit.Token);
        return Encoding.UTF8.GetString(received);
    }
}
