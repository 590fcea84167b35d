using System.Net;
using DemiGen.Samples.Echo;

namespace DemiGen.Catnap.Tests;

public sealed class EchoArgumentsTests
{
    [Fact]
    public void Every_option_of_the_echo_sample_is_read()
    {
        EchoArguments parsed = EchoArguments.Parse(["server", "--port", "7000", "--udp", "--threads", "4", "--bind", "::", "--spin", "0"]);

        Assert.Equal(new EchoArguments("server", IPAddress.IPv6Any, IPAddress.Loopback, 7000, true, 4, 100_000, 10_000, 64, 0), parsed);
    }

    [Theory]
    [InlineData(new string[0], "'server' or 'client'")]
    [InlineData(new[] { "serve" }, "'server' or 'client'")]
    [InlineData(new[] { "server", "--port", "70000" }, "--port must be a number from 0 to 65535")]
    [InlineData(new[] { "client", "--host", "not-an-ip" }, "--host must be an IP address")]
    [InlineData(new[] { "client", "--count" }, "--count needs a value")]
    [InlineData(new[] { "server", "--fast", "1" }, "unknown option --fast")]
    public void Bad_arguments_are_refused_with_a_clear_message(string[] args, string expected)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => EchoArguments.Parse(args));

        Assert.Contains(expected, error.Message);
    }
}
