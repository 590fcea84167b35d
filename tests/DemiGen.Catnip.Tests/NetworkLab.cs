using System.Diagnostics;

namespace DemiGen.Catnip.Tests;

/// <summary>
/// Real-network fixtures: network namespaces named dg-&lt;pid&gt;-&lt;n&gt; (removed on dispose, and left-overs of
/// dead test processes removed on first use) and the commands of iproute2 and iputils.
/// </summary>
internal static class NetworkLab
{
    private static int counter;
    private static int staleRemoved;

    /// <summary>Why real-device tests cannot run here, or null if they can.</summary>
    internal static string? Missing(bool needsTun = false)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real-device tests need Linux (network namespaces, AF_PACKET, TAP).";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "real-device tests need root (CAP_NET_ADMIN and CAP_NET_RAW) to create network namespaces, veth pairs, TAP devices and raw sockets.";
        }

        if (FindTool("ip") is null)
        {
            return "real-device tests need `ip` (Debian package iproute2).";
        }

        if (FindTool("ping") is null)
        {
            return "real-device tests need `ping` (Debian package iputils-ping).";
        }

        if (needsTun && !File.Exists("/dev/net/tun"))
        {
            return "the TAP test needs /dev/net/tun (the tun module).";
        }

        return null;
    }

    /// <summary>A short name unique to this process and call, for namespaces and interfaces (at most 15 bytes).</summary>
    internal static string UniqueName(string prefix) => $"{prefix}{Environment.ProcessId}-{Interlocked.Increment(ref counter)}";

    internal static string Run(string tool, params string[] arguments)
    {
        (int exit, string output, string error) = TryRun(tool, arguments);
        if (exit != 0)
        {
            throw new InvalidOperationException($"`{tool} {string.Join(' ', arguments)}` failed with exit code {exit}: {error.Trim()}");
        }

        return output;
    }

    internal static (int Exit, string Output, string Error) TryRun(string tool, params string[] arguments)
    {
        using Process process = Start(tool, arguments);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{tool} {string.Join(' ', arguments)}` did not finish in 30 s.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    internal static Process Start(string tool, params string[] arguments)
    {
        ProcessStartInfo info = new(FindTool(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
    }

    /// <summary>Removes namespaces that earlier test processes (now gone) failed to remove.</summary>
    internal static void RemoveStaleNamespaces()
    {
        if (Interlocked.Exchange(ref staleRemoved, 1) == 1)
        {
            return;
        }

        foreach (string line in Run("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = line.Split(' ')[0];
            string[] parts = name.Split('-');
            if (parts.Length == 3 && parts[0] == "dg" && int.TryParse(parts[1], out int pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
            {
                TryRun("ip", "netns", "del", name);
            }
        }
    }

    private static string? FindTool(string name)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}

/// <summary>A network namespace that exists until disposed.</summary>
internal sealed class TestNamespace : IDisposable
{
    internal TestNamespace()
    {
        NetworkLab.RemoveStaleNamespaces();
        Name = NetworkLab.UniqueName("dg-");
        NetworkLab.Run("ip", "netns", "add", Name);
        NetworkLab.Run("ip", "-n", Name, "link", "set", "lo", "up");
        Sysctl("net.ipv6.conf.all.disable_ipv6=1");
        Sysctl("net.ipv6.conf.default.disable_ipv6=1");
    }

    internal string Name { get; }

    internal string Ip(params string[] arguments) => NetworkLab.Run("ip", ["-n", Name, .. arguments]);

    internal void Sysctl(string setting) => NetworkLab.Run("ip", "netns", "exec", Name, "sysctl", "-qw", setting);

    public void Dispose() => NetworkLab.TryRun("ip", "netns", "del", Name);
}

/// <summary>A fact that runs only where the real-device prerequisites are present; elsewhere it is skipped with the reason.</summary>
public sealed class NetworkLabFactAttribute : FactAttribute
{
    public NetworkLabFactAttribute(bool needsTun = false)
    {
        if (NetworkLab.Missing(needsTun) is { } reason)
        {
            Skip = reason;
        }
    }
}
