using System.Diagnostics;
using System.Globalization;
using DemiKV.Tests.Support;

namespace DemiKV.Tests;

/// <summary>DemiKV driven by Debian's redis-cli: one-shot commands, commands piped on stdin, and bulk loading with --pipe.</summary>
[Collection(NetworkCollection.Name)]
public sealed class RedisCliTests : IDisposable
{
    private readonly InProcessServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public void OneShotCommandsPrintTheirReplies()
    {
        Assert.Equal("OK", Cli(null, "SET", "name", "demi kv"));
        Assert.Equal("demi kv", Cli(null, "GET", "name"));
        Assert.Equal("2", Cli(null, "RPUSH", "l", "a", "b"));
        Assert.Equal("1) \"a\"\n2) \"b\"", Cli(null, "--no-raw", "LRANGE", "l", "0", "-1"));
        Assert.Equal("(error) WRONGTYPE Operation against a key holding the wrong kind of value", Cli(null, "--no-raw", "GET", "l"));
    }

    [Fact]
    public void CommandsPipedOnStandardInputRunInOrder()
    {
        string output = Cli("SET a 1\nINCRBY a 41\nGET a\nPING\n");
        Assert.Equal("OK\n42\n42\nPONG", output);
    }

    [Fact]
    public void PipeModeLoadsManyKeys()
    {
        string protocol = string.Concat(Enumerable.Range(0, 1000).Select(i => Resp.Encode("SET", "key:" + i, "value:" + i)));
        string output = Cli(protocol, "--pipe");
        Assert.Contains("errors: 0, replies: 1000", output);
        Assert.Equal("1000", Cli(null, "DBSIZE"));
        Assert.Equal("value:999", Cli(null, "GET", "key:999"));
    }

    private string Cli(string? input, params string[] args)
    {
        ProcessStartInfo start = new("redis-cli")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-h");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(server.Port.ToString(CultureInfo.InvariantCulture));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process cli = Process.Start(start)!;
        Task<string> stdout = cli.StandardOutput.ReadToEndAsync();
        Task<string> stderr = cli.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            cli.StandardInput.Write(input);
        }

        cli.StandardInput.Close();
        Assert.True(cli.WaitForExit(20000), "redis-cli did not finish");
        return (stdout.Result + stderr.Result).TrimEnd('\n');
    }
}
