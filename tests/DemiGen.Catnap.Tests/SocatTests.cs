using System.Diagnostics;
using System.Net;

namespace DemiGen.Catnap.Tests;

/// <summary>A client none of us wrote: socat sends a file through the echo sample's server and reads it back.</summary>
public sealed class SocatTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Socat_gets_a_file_back_intact_through_the_echo_server(bool ipv6)
    {
        string directory = Directory.CreateTempSubdirectory("catnap-socat-").FullName;
        try
        {
            string input = Path.Combine(directory, "in.bin");
            string output = Path.Combine(directory, "out.bin");
            File.WriteAllBytes(input, Loopback.RandomBytes(1 << 20, seed: 5));

            IPAddress address = ipv6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
            using EchoServerThread server = new(new IPEndPoint(address, 0));
            string target = ipv6 ? $"TCP6:[::1]:{server.Port}" : $"TCP4:127.0.0.1:{server.Port}";

            using Process socat = Process.Start(new ProcessStartInfo("socat", ["-t", "20", $"OPEN:{input},rdonly!!CREATE:{output}", target])
            {
                RedirectStandardError = true,
            })!;
            string errors = socat.StandardError.ReadToEnd();
            Assert.True(socat.WaitForExit(Loopback.Patience), "socat did not finish");
            Assert.True(socat.ExitCode == 0, $"socat failed: {errors}");
            Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(output));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
