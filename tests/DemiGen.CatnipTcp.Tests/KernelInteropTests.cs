using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DemiGen.Catnip.Tests;
using DemiGen.Samples.Echo;

namespace DemiGen.CatnipTcp.Tests;

/// <summary>
/// Catnip's TCP against the Linux kernel's TCP/IP over a veth pair between two namespaces: the echo sample's server
/// on Catnip with kernel clients (a .NET socket, socat), and Catnip as the client of a kernel server (socat with cat: its PIPE address deadlocks on itself under bulk data). 10 MB
/// each way, verified by SHA-256.
/// </summary>
public class KernelInteropTests
{
    private const int TransferBytes = 10 * 1000 * 1000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [NetworkLabFact]
    public void KernelSocketClientThroughCatnipEchoServer()
    {
        using VethLab lab = new();
        QDesc listener = EchoServer.Open(lab.OS, new IPEndPoint(VethLab.CatnipAddress, 7), udp: false);
        byte[] data = EchoTransfer.Payload(TransferBytes, 21);
        Task<byte[]> client = Task.Run(() => KernelSocketEcho(lab.KernelNamespace, new IPEndPoint(VethLab.CatnipAddress, 7), data));

        EchoServer.Run(lab.OS, listener, udp: false, Bounded(client));
        Assert.True(client.IsCompletedSuccessfully, $"the kernel client failed: {client.Exception?.GetBaseException().Message}; {StackReport.Of(lab.OS)}");
        Assert.Equal(SHA256.HashData(data), client.Result);
    }

    [NetworkLabFact]
    public void SocatClientThroughCatnipEchoServer()
    {
        using VethLab lab = new();
        QDesc listener = EchoServer.Open(lab.OS, new IPEndPoint(VethLab.CatnipAddress, 7), udp: false);
        byte[] data = EchoTransfer.Payload(TransferBytes, 22);
        using Process socat = StartWithInput("ip", "netns", "exec", lab.KernelNamespace, "socat", "-t", "30", "-", $"TCP:{VethLab.CatnipAddress}:7");
        try
        {
            Task writer = Task.Run(() =>
            {
                socat.StandardInput.BaseStream.Write(data);
                socat.StandardInput.Close();
            });
            Task<byte[]> reader = Task.Run(() => HashStream(socat.StandardOutput.BaseStream, data.Length));

            EchoServer.Run(lab.OS, listener, udp: false, Bounded(Task.WhenAll(writer, reader)));
            Assert.True(reader.IsCompletedSuccessfully, $"socat's echo did not come back: {reader.Exception?.GetBaseException().Message}; {socat.StandardError.ReadToEnd()}; {StackReport.Of(lab.OS)}");
            Assert.Equal(SHA256.HashData(data), reader.Result);
        }
        finally
        {
            Stop(socat);
        }
    }

    [NetworkLabFact]
    public void CatnipClientThroughKernelSocatEchoServer()
    {
        using VethLab lab = new();
        // nodelay: cat hands socat small pieces; with Nagle each piece's short tail waits for our delayed ACK (40 ms).
        // -b 4096: socat moves both directions on one thread with blocking writes; a block larger than a pipe page can
        // block it on cat's full stdin while cat waits for socat to read its stdout (a writable pipe has a free page).
        using Process socat = NetworkLab.Start("ip", "netns", "exec", lab.KernelNamespace, "socat", "-b", "4096", $"TCP-LISTEN:7,bind={VethLab.KernelAddress},reuseaddr,fork,nodelay", "EXEC:cat");
        try
        {
            LibOS os = lab.OS;
            IPEndPoint server = new(VethLab.KernelAddress, 7);
            QDesc qd = ConnectWhenListening(os, server, socat);
            byte[] data = EchoTransfer.Payload(TransferBytes, 23);
            byte[] echoed = EchoTransfer.Run(os, qd, data, (qt, limit) => os.Wait(qt, limit), TimeSpan.FromMilliseconds(50), Patience, () => $"{StackReport.Of(lab.OS)}; kernel: {KernelView(lab)}");
            Assert.Equal(SHA256.HashData(data), echoed);
            Assert.Equal(DemiError.None, os.Wait(os.Close(qd), Patience).Error);

            // The echo sample's own latency client, unchanged, on Catnip against the kernel.
            long[] rtt = new long[200];
            Assert.Equal(DemiError.None, EchoClient.MeasureToEnd(os, server, udp: false, size: 64, warmup: 20, rtt));
            Assert.All(rtt, t => Assert.True(t > 0));
            Assert.Equal(0, lab.OS.Tcp.Engine.Stats.DroppedBadChecksum);
        }
        finally
        {
            Stop(socat);
        }
    }

    /// <summary>The kernel's view of its TCP sockets (ss), for failure messages.</summary>
    private static string KernelView(VethLab lab) => NetworkLab.TryRun("ip", "netns", "exec", lab.KernelNamespace, "ss", "-tino").Output;

    /// <summary>A .NET socket in the kernel's namespace: sends everything (then shuts down its side) while reading the echo; returns the echo's SHA-256.</summary>
    private static byte[] KernelSocketEcho(string kernelNamespace, IPEndPoint server, byte[] data)
    {
        Socket socket;
        using (NetworkNamespaceScope.Enter(kernelNamespace))
        {
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 30_000, SendTimeout = 30_000 };
        }

        using (socket)
        {
            socket.Connect(server);
            Task sender = Task.Run(() =>
            {
                socket.Send(data);
                socket.Shutdown(SocketShutdown.Send);
            });
            using NetworkStream stream = new(socket, ownsSocket: false);
            byte[] hash = HashStream(stream, data.Length);
            Assert.Equal(0, socket.Receive(new byte[1]));
            sender.Wait();
            return hash;
        }
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes (failing on an early end) and returns their SHA-256.</summary>
    private static byte[] HashStream(Stream stream, int length)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[64 * 1024];
        int total = 0;
        while (total < length)
        {
            int n = stream.Read(buffer, 0, Math.Min(buffer.Length, length - total));
            if (n == 0)
            {
                throw new EndOfStreamException($"the echo ended after {total} of {length} bytes");
            }

            hash.AppendData(buffer, 0, n);
            total += n;
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Connects once the kernel server listens (socat takes a moment to start); refused attempts are retried.</summary>
    private static QDesc ConnectWhenListening(LibOS os, IPEndPoint server, Process socat)
    {
        Stopwatch elapsed = Stopwatch.StartNew();
        while (true)
        {
            QDesc qd = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
            QResult connected = os.Wait(os.Connect(qd, server), TimeSpan.FromSeconds(10));
            if (connected.Error == DemiError.None)
            {
                return qd;
            }

            os.Close(qd);
            Assert.True(connected.Error == DemiError.ECONNREFUSED && !socat.HasExited && elapsed.Elapsed < TimeSpan.FromSeconds(10), $"connect to the kernel's socat failed: {connected.Error}");
            Thread.Sleep(50);
        }
    }

    /// <summary>The task, or a timeout: a server run never outlasts the test's patience.</summary>
    private static Task Bounded(Task task) => Task.WhenAny(task, Task.Delay(Patience));

    /// <summary>Starts a tool with stdin, stdout and stderr redirected (NetworkLab.Start leaves stdin alone).</summary>
    private static Process StartWithInput(string tool, params string[] arguments)
    {
        ProcessStartInfo info = new(tool)
        {
            RedirectStandardInput = true,
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

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(5000);
    }
}
