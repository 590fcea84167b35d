using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnip.Tests;

/// <summary>
/// Catnip's TCP against the Linux kernel's TCP over a veth pair between two namespaces: 10 MiB each way (echoed),
/// Catnip as client of a kernel server and as server of a kernel client.
/// </summary>
public class TcpKernelPeerTests
{
    private const int Total = 10 << 20;
    private static readonly IPAddress CatnipAddress = IPAddress.Parse("10.78.0.1");
    private static readonly IPAddress KernelAddress = IPAddress.Parse("10.78.0.2");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private sealed class VethLab : IDisposable
    {
        internal VethLab()
        {
            CatnipSide = new TestNamespace();
            KernelSide = new TestNamespace();
            string catnipInterface = NetworkLab.UniqueName("c");
            string kernelInterface = NetworkLab.UniqueName("k");
            NetworkLab.Run("ip", "link", "add", catnipInterface, "netns", CatnipSide.Name, "type", "veth", "peer", "name", kernelInterface, "netns", KernelSide.Name);

            // Segmentation offload would hand the AF_PACKET end frames above the MTU: keep every frame wire-sized.
            KernelSide.Ip("link", "set", kernelInterface, "gso_max_size", "1500");
            CatnipSide.Ip("link", "set", catnipInterface, "up");
            KernelSide.Ip("addr", "add", $"{KernelAddress}/24", "dev", kernelInterface);
            KernelSide.Ip("link", "set", kernelInterface, "up");
            OS = (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions
            {
                Catnip = new CatnipOptions
                {
                    Device = CatnipDeviceKind.AfPacket,
                    InterfaceName = catnipInterface,
                    NetworkNamespace = CatnipSide.Name,
                    Address = CatnipAddress,
                },
            });
        }

        internal TestNamespace CatnipSide { get; }

        internal TestNamespace KernelSide { get; }

        internal CatnipLibOS OS { get; }

        public void Dispose()
        {
            OS.Dispose();
            KernelSide.Dispose();
            CatnipSide.Dispose();
        }
    }

    private static byte[] Payload(int seed)
    {
        byte[] data = new byte[Total];
        new Random(seed).NextBytes(data);
        return data;
    }

    [NetworkLabFact]
    public void CatnipClientKernelEchoServer()
    {
        using VethLab lab = new();
        Socket listener;
        using (NetworkNamespaceScope.Enter(lab.KernelSide.Name))
        {
            listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }

        using (listener)
        {
            listener.Bind(new IPEndPoint(KernelAddress, 0));
            listener.Listen(1);
            var server = (IPEndPoint)listener.LocalEndPoint!;
            Task echo = Task.Run(() =>
            {
                using Socket s = listener.Accept();
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = s.Receive(buffer)) > 0)
                {
                    s.Send(buffer.AsSpan(0, n));
                }

                s.Shutdown(SocketShutdown.Send);
            });

            CatnipLibOS os = lab.OS;
            QDesc qd = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
            QResult connected = os.Wait(os.Connect(qd, server), Patience);
            Assert.True(connected.Error == DemiError.None, $"connect: {connected.Error}; {os.CountersReport}");

            byte[] sent = Payload(1);
            var pushes = new List<(QToken Token, Sga Sga)>();
            for (int offset = 0; offset < Total; offset += 256 * 1024)
            {
                Sga sga = os.SgaAlloc(256 * 1024);
                sga.CopyFrom(sent.AsSpan(offset, 256 * 1024));
                pushes.Add((os.Push(qd, sga), sga));
            }

            byte[] received = new byte[Total];
            int got = 0;
            while (got < Total)
            {
                QResult r = os.Wait(os.Pop(qd), Patience);
                Assert.True(r.Error == DemiError.None && r.Sga.Length > 0, $"pop after {got} bytes: {r.Error}; {os.CountersReport}");
                r.Sga.CopyTo(received.AsSpan(got));
                got += r.Sga.Length;
                os.SgaFree(r.Sga);
            }

            foreach ((QToken token, Sga sga) in pushes)
            {
                Assert.Equal(DemiError.None, os.Wait(token, Patience).Error);
                os.SgaFree(sga);
            }

            Assert.True(sent.AsSpan().SequenceEqual(received), "the echoed stream differs");
            os.Wait(os.Close(qd), Patience);
            QDesc idle = os.CreateQueue();
            Assert.True(echo.Wait(Patience), "the kernel echo server did not see the end of the stream");
            os.Close(idle);
        }
    }

    [NetworkLabFact]
    public void CatnipClientOfSocat()
    {
        using VethLab lab = new();
        // socat echoes through a pipe it both writes and reads on one thread: a block larger than a pipe page can block
        // it on its own full pipe for good, so blocks stay at one page (a writable pipe always has a free page).
        using var socat = NetworkLab.Start("ip", "netns", "exec", lab.KernelSide.Name, "socat", "-b", "4096", "-T", "30", $"TCP-LISTEN:7100,bind={KernelAddress},reuseaddr", "PIPE");
        try
        {
            CatnipLibOS os = lab.OS;
            QDesc qd = Connected(os, new IPEndPoint(KernelAddress, 7100));
            byte[] sent = Payload(3).AsSpan(0, 1 << 20).ToArray();
            Sga sga = os.SgaAlloc(sent.Length);
            sga.CopyFrom(sent);
            QToken push = os.Push(qd, sga);
            byte[] received = new byte[sent.Length];
            int got = 0;
            while (got < sent.Length)
            {
                QResult r = os.Wait(os.Pop(qd), Patience);
                Assert.True(r.Error == DemiError.None && r.Sga.Length > 0, $"pop after {got} bytes: {r.Error}; {os.CountersReport}");
                r.Sga.CopyTo(received.AsSpan(got));
                got += r.Sga.Length;
                os.SgaFree(r.Sga);
            }

            Assert.Equal(DemiError.None, os.Wait(push, Patience).Error);
            os.SgaFree(sga);
            Assert.True(sent.AsSpan().SequenceEqual(received), "socat's echo differs");
            os.Wait(os.Close(qd), Patience);
        }
        finally
        {
            if (!socat.HasExited)
            {
                socat.Kill();
            }
        }
    }

    /// <summary>Connects, retrying while the kernel side is not listening yet (a process was just started).</summary>
    private static QDesc Connected(CatnipLibOS os, IPEndPoint server)
    {
        for (int attempt = 0; ; attempt++)
        {
            QDesc qd = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
            QResult r = os.Wait(os.Connect(qd, server), Patience);
            if (r.Error == DemiError.None)
            {
                return qd;
            }

            os.Close(qd);
            Assert.True(r.Error == DemiError.ECONNREFUSED && attempt < 50, $"connect: {r.Error}; {os.CountersReport}");
            Thread.Sleep(100);
        }
    }

    [NetworkLabFact]
    public void KernelClientCatnipEchoServer()
    {
        using VethLab lab = new();
        CatnipLibOS os = lab.OS;
        QDesc listening = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        os.Bind(listening, new IPEndPoint(CatnipAddress, 7007));
        os.Listen(listening, 4);
        QToken accept = os.Accept(listening);

        byte[] sent = Payload(2);
        Socket client;
        using (NetworkNamespaceScope.Enter(lab.KernelSide.Name))
        {
            client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        }

        using (client)
        {
            Task<byte[]> run = Task.Run(() =>
            {
                client.Connect(new IPEndPoint(CatnipAddress, 7007));
                Task writer = Task.Run(() =>
                {
                    client.Send(sent);
                    client.Shutdown(SocketShutdown.Send);
                });
                byte[] back = new byte[Total];
                int got = 0;
                int n;
                while (got < Total && (n = client.Receive(back.AsSpan(got))) > 0)
                {
                    got += n;
                }

                writer.Wait();
                return back[..got];
            });

            QResult accepted = os.Wait(accept, Patience);
            Assert.True(accepted.Error == DemiError.None, $"accept: {accepted.Error}; {os.CountersReport}");
            QDesc qd = accepted.Accepted;
            while (true)
            {
                QResult r = os.Wait(os.Pop(qd), Patience);
                Assert.True(r.Error == DemiError.None, $"pop: {r.Error}; {os.CountersReport}");
                if (r.Sga.Length == 0)
                {
                    os.SgaFree(r.Sga);
                    break;
                }

                Assert.Equal(DemiError.None, os.Wait(os.Push(qd, r.Sga), Patience).Error);
                os.SgaFree(r.Sga);
            }

            os.Wait(os.Close(qd), Patience);
            Assert.True(run.Wait(Patience), "the kernel client did not get its echo");
            Assert.True(sent.AsSpan().SequenceEqual(run.Result), "the echoed stream differs");
        }
    }
}
