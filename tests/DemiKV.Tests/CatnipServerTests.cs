using System.Diagnostics;
using System.Globalization;
using System.Net;
using DemiGen;
using DemiGen.Catnip.Tests;
using DemiKV.Server;
using DemiKV.Tests.Support;

namespace DemiKV.Tests;

/// <summary>
/// DemiKV on Catnip, DemiGen's own TCP/IP stack, over AF_PACKET on one end of a veth pair between two namespaces
/// the test creates; Debian's redis-cli and redis-benchmark talk to it through the kernel's TCP on the other end.
/// </summary>
[Collection(NetworkCollection.Name)]
public sealed class CatnipServerTests
{
    private static readonly IPAddress ServerAddress = IPAddress.Parse("10.83.0.1");
    private static readonly IPAddress ClientAddress = IPAddress.Parse("10.83.0.2");

    [NetworkLabFact]
    public void RedisClientsTalkToDemiKVOnCatnip()
    {
        using TestNamespace serverSide = new();
        using TestNamespace clientSide = new();
        string serverInterface = NetworkLab.UniqueName("s");
        string clientInterface = NetworkLab.UniqueName("k");
        NetworkLab.Run("ip", "link", "add", serverInterface, "netns", serverSide.Name, "type", "veth", "peer", "name", clientInterface, "netns", clientSide.Name);

        // The kernel must send frames of at most one MTU: no segmentation-offload super-frames reach the AF_PACKET ring.
        clientSide.Ip("link", "set", clientInterface, "gso_max_size", "1500", "gso_max_segs", "1");
        serverSide.Ip("link", "set", serverInterface, "up");
        clientSide.Ip("addr", "add", $"{ClientAddress}/24", "dev", clientInterface);
        clientSide.Ip("link", "set", clientInterface, "up");

        ServerOptions options = ServerOptions.Parse(
            ["--libos", "catnip", "--interface", serverInterface, "--netns", serverSide.Name, "--address", $"{ServerAddress}/24", "--port", "0"]);
        using InProcessServer server = new(options);
        Assert.Equal(ServerAddress, server.EndPoint.Address);

        Assert.Equal("OK", Tool(clientSide, server, "redis-cli", null, "SET", "stack", "catnip"));
        Assert.Equal("catnip", Tool(clientSide, server, "redis-cli", null, "GET", "stack"));
        Assert.Equal("OK\n42\nPONG", Tool(clientSide, server, "redis-cli", "SET n 41\nINCR n\nPING\n"));

        string protocol = string.Concat(Enumerable.Range(0, 500).Select(i => Resp.Encode("RPUSH", "list", new string('v', i % 300))));
        Assert.Contains("errors: 0, replies: 500", Tool(clientSide, server, "redis-cli", protocol, "--pipe"));
        Assert.Equal("500", Tool(clientSide, server, "redis-cli", null, "LLEN", "list"));

        // A bounded load from 20 connections at once: every request answered.
        string benchmark = Tool(clientSide, server, "redis-benchmark", null, "-t", "set,get,lpush", "-n", "3000", "-c", "20", "-P", "4", "-q", "--csv");
        foreach (string test in new[] { "SET", "GET", "LPUSH" })
        {
            Assert.Contains($"\"{test}\"", benchmark);
        }

        Assert.Equal("(error) ERR unknown command 'NOSUCH', with args beginning with: 'x' ", Tool(clientSide, server, "redis-cli", null, "--no-raw", "NOSUCH", "x"));
        Assert.Equal("catnip", Tool(clientSide, server, "redis-cli", null, "GET", "stack"));
    }

    [Fact]
    public void CatnipOptionsAreCheckedAndTranslated()
    {
        ServerOptions options = ServerOptions.Parse(["--libos", "catnip", "--interface", "eth1", "--address", "192.168.7.9/20", "--gateway", "192.168.0.1", "--device", "tap"]);
        Assert.Equal(IPAddress.Any, options.Bind);
        CatnipOptions catnip = options.ToCatnipOptions();
        Assert.Equal(CatnipDeviceKind.Tap, catnip.Device);
        Assert.Equal("eth1", catnip.InterfaceName);
        Assert.Equal(IPAddress.Parse("255.255.240.0"), catnip.Netmask);
        Assert.Equal(IPAddress.Parse("192.168.0.1"), catnip.Gateway);

        Assert.Contains("give it --interface and --address", Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--libos", "catnip", "--address", "10.0.0.1"])).Message);
        Assert.Contains("one shard", Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--libos", "catnip", "--interface", "e", "--address", "10.0.0.1", "--shards", "2"])).Message);
        Assert.Contains("add --libos catnip", Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--interface", "eth0"])).Message);
        Assert.Contains("IPv4 address with an optional /prefix", Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--libos", "catnip", "--interface", "e", "--address", "10.0.0.1/33"])).Message);
        Assert.Contains("IPv4 only", Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--libos", "catnip", "--interface", "e", "--address", "::1"])).Message);
        Assert.Contains("unknown Catnip device", Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--device", "xdp"])).Message);
        Assert.Contains("unknown libOS", Assert.Throws<ArgumentException>(() => ServerOptions.Parse(["--libos", "7"])).Message);
        Assert.Equal(IPAddress.Loopback, ServerOptions.Parse(["--port", "7000"]).Bind);
    }

    /// <summary>Runs a Redis tool in the client's namespace against the server; returns its trimmed output.</summary>
    private static string Tool(TestNamespace clientSide, InProcessServer server, string tool, string? input, params string[] args)
    {
        ProcessStartInfo start = new("ip")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "netns", "exec", clientSide.Name, tool, "-h", server.EndPoint.Address.ToString(), "-p", server.Port.ToString(CultureInfo.InvariantCulture) }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? string.Empty);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', args)} did not finish in 60 s");
        }

        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited with {process.ExitCode}: {error.Result}");
        return output.Result.TrimEnd('\n');
    }
}
