using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace DemiKV.Tests.Support;

/// <summary>A server program on a free loopback port, killed on dispose: Debian's redis-server, or DemiKV's own executable.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    private ServerProcess(string program, Func<int, IEnumerable<string>> arguments)
    {
        Port = FreePort.Pick();
        ProcessStartInfo start = new(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in arguments(Port))
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        EndPoint = new IPEndPoint(IPAddress.Loopback, Port);
        RespConnection.WaitUntilServing(EndPoint, TimeSpan.FromSeconds(20));
    }

    public int Port { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>A real redis-server without persistence.</summary>
    public static ServerProcess Redis() => new("redis-server", port =>
        ["--port", Text(port), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no"]);

    /// <summary>The DemiKV executable as the README runs it (built beside the tests, with its own runtime settings).</summary>
    public static ServerProcess DemiKV() => new(Path.Combine(AppContext.BaseDirectory, "DemiKV"), port => ["--port", Text(port)]);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
