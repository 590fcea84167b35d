using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnip.Tests;

/// <summary>The Linux kernel's own stack as the peer of a Catnip libOS: its UDP sockets and ping, in the kernel's namespace.</summary>
internal static class KernelPeer
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>A kernel UDP socket bound in <paramref name="networkNamespace"/>.</summary>
    internal static Socket UdpSocket(string networkNamespace, IPAddress address)
    {
        using NetworkNamespaceScope scope = NetworkNamespaceScope.Enter(networkNamespace);
        Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = (int)Patience.TotalMilliseconds };
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    /// <summary>Catnip sends <paramref name="count"/> datagrams of varied sizes; a kernel socket echoes each; every echo comes back intact.</summary>
    internal static void CatnipClientKernelEcho(LibOS os, string kernelNamespace, IPAddress kernelAddress, int count)
    {
        using Socket kernel = UdpSocket(kernelNamespace, kernelAddress);
        IPEndPoint kernelEndPoint = (IPEndPoint)kernel.LocalEndPoint!;
        Task echo = Task.Run(() =>
        {
            byte[] buffer = new byte[2048];
            for (int i = 0; i < count; i++)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n = kernel.ReceiveFrom(buffer, ref from);
                kernel.SendTo(buffer.AsSpan(0, n), SocketFlags.None, from);
            }
        });

        QDesc qd = os.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        os.Bind(qd, new IPEndPoint(IPAddress.Any, 0));
        for (int i = 0; i < count; i++)
        {
            byte[] payload = new byte[1 + (i * 97 % 1472)];
            new Random(i).NextBytes(payload);
            Sga data = os.SgaAlloc(payload.Length);
            data.CopyFrom(payload);
            Assert.Equal(DemiError.None, os.Wait(os.PushTo(qd, data, kernelEndPoint), Patience).Error);
            os.SgaFree(data);

            QResult back = os.Wait(os.Pop(qd), Patience);
            Assert.True(back.Error == DemiError.None, $"echo {i} did not come back: {back.Error}; {((CatnipLibOS)os).CountersReport}");
            Assert.Equal(payload, back.Sga.ToArray());
            Assert.Equal(kernelEndPoint, back.Remote);
            os.SgaFree(back.Sga);
        }

        Assert.True(echo.Wait(Patience), "the kernel echo did not finish");
        os.Close(qd);
    }

    /// <summary>The kernel sends first (so it resolves Catnip's MAC through ARP); a Catnip echo handler answers.</summary>
    internal static void KernelClientCatnipEcho(LibOS os, string kernelNamespace, IPAddress kernelAddress, IPAddress catnipAddress)
    {
        QDesc qd = os.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        os.Bind(qd, new IPEndPoint(catnipAddress, 0));
        IPEndPoint catnip = os.LocalEndPoint(qd);
        using Socket kernel = UdpSocket(kernelNamespace, kernelAddress);
        Task<byte[]> client = Task.Run(() =>
        {
            kernel.SendTo("from the kernel"u8, SocketFlags.None, catnip);
            byte[] buffer = new byte[2048];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n = kernel.ReceiveFrom(buffer, ref from);
            Assert.Equal(catnip, from);
            return buffer[..n];
        });

        QResult request = os.Wait(os.Pop(qd), Patience);
        Assert.True(request.Error == DemiError.None, $"nothing arrived from the kernel: {request.Error}; {((CatnipLibOS)os).CountersReport}");
        Assert.Equal(DemiError.None, os.Wait(os.PushTo(qd, request.Sga, request.Remote!), Patience).Error);
        os.SgaFree(request.Sga);
        Assert.True(client.Wait(Patience), "the kernel client got no answer");
        Assert.Equal("from the kernel"u8.ToArray(), client.Result);
        os.Close(qd);
    }

    /// <summary>Runs `ping` in the kernel's namespace while the libOS serves; every echo request is answered.</summary>
    internal static void PingFromKernel(LibOS os, string kernelNamespace, IPAddress catnipAddress, int count)
    {
        using Process ping = NetworkLab.Start("ip", "netns", "exec", kernelNamespace, "ping", "-n", "-c", count.ToString(), "-i", "0.2", "-W", "2", catnipAddress.ToString());
        Task<string> output = ping.StandardOutput.ReadToEndAsync();
        QDesc idle = os.CreateQueue();
        QToken never = os.Pop(idle);
        Stopwatch elapsed = Stopwatch.StartNew();
        while (!ping.HasExited && elapsed.Elapsed < TimeSpan.FromSeconds(15))
        {
            os.Wait(never, TimeSpan.FromMilliseconds(20));
        }

        Assert.True(ping.WaitForExit(1000), "ping did not finish");
        Assert.True(ping.ExitCode == 0, $"ping failed: {output.Result}; {((CatnipLibOS)os).CountersReport}");
        Assert.Contains($"{count} received", output.Result);
        Assert.True(((CatnipLibOS)os).Stack.Icmp.Counters.EchoRepliesSent >= count);
        os.Close(idle);
    }
}
