using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace DemiKV.Tests.Support;

/// <summary>A real redis-server (Debian's package) on a free loopback port, without persistence, killed on dispose.</summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly Process process;

    public RedisServerProcess()
    {
        Port = FreePort.Pick();
        ProcessStartInfo start = new("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        EndPoint = new IPEndPoint(IPAddress.Loopback, Port);
        RespConnection.WaitUntilServing(EndPoint, TimeSpan.FromSeconds(10));
    }

    public int Port { get; }

    public IPEndPoint EndPoint { get; }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }
}
