using System.Net;
using System.Net.Sockets;
using Xunit;

namespace DemiGen.Tcp.Tests;

/// <summary>TCP sockets of two Catnip libOSes on one thread over a simulated link: the queue API end to end.</summary>
public class CatnipTcpTests
{
    private static readonly IPAddress AddressA = IPAddress.Parse("10.9.0.1");
    private static readonly IPAddress AddressB = IPAddress.Parse("10.9.0.2");
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private sealed class Pair : IDisposable
    {
        internal Pair(SimulatedLinkFaults faults, int seed)
        {
            Clock = new ManualClock(autoAdvance: false);
            Link = new SimulatedLink(Clock, faults, seed);
            B = Create(Link.B, AddressB);
            A = Create(Link.A, AddressA);
        }

        internal ManualClock Clock { get; }

        internal SimulatedLink Link { get; }

        internal CatnipLibOS A { get; }

        internal CatnipLibOS B { get; }

        internal QResult Wait(LibOS owner, QToken qt) => SimulatedNetwork.Wait(Clock, owner, qt, [A, B], Limit);

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }

        private CatnipLibOS Create(SimulatedLinkEndpoint end, IPAddress address) =>
            (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions
            {
                Clock = Clock,
                Catnip = new CatnipOptions { Device = CatnipDeviceKind.Simulated, SimulatedLink = end, Address = address },
            });
    }

    private static (QDesc Client, QDesc Server) Connect(Pair p, ushort port)
    {
        QDesc listening = p.B.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        p.B.Bind(listening, new IPEndPoint(IPAddress.Any, port));
        p.B.Listen(listening, 8);
        QToken accept = p.B.Accept(listening);
        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        Assert.Equal(DemiError.None, p.Wait(p.A, p.A.Connect(client, new IPEndPoint(AddressB, port))).Error);
        QResult accepted = p.Wait(p.B, accept);
        Assert.Equal(DemiOpcode.Accept, accepted.Opcode);
        Assert.Equal(AddressA, accepted.Remote!.Address);
        Assert.Equal(p.A.LocalEndPoint(client).Port, accepted.Remote.Port);
        return (client, accepted.Accepted);
    }

    private static void Push(Pair p, CatnipLibOS os, QDesc qd, ReadOnlySpan<byte> data)
    {
        Sga sga = os.SgaAlloc(data.Length);
        sga.CopyFrom(data);
        Assert.Equal(DemiError.None, p.Wait(os, os.Push(qd, sga)).Error);
        os.SgaFree(sga);
    }

    [Fact]
    public void EchoAndGracefulClose()
    {
        using Pair p = new(SimulatedLinkFaults.None, seed: 1);
        (QDesc client, QDesc server) = Connect(p, 80);

        Push(p, p.A, client, "hello"u8);
        QResult request = p.Wait(p.B, p.B.Pop(server));
        Assert.Equal("hello"u8.ToArray(), request.Sga.ToArray());
        Assert.Equal(AddressA, request.Remote!.Address);
        Push(p, p.B, server, request.Sga.ToArray());
        p.B.SgaFree(request.Sga);

        QResult reply = p.Wait(p.A, p.A.Pop(client));
        Assert.Equal("hello"u8.ToArray(), reply.Sga.ToArray());
        p.A.SgaFree(reply.Sga);

        // The client closes: the server's next pop is the end of stream (an empty Sga).
        Assert.Equal(DemiOpcode.Close, p.Wait(p.A, p.A.Close(client)).Opcode);
        QResult end = p.Wait(p.B, p.B.Pop(server));
        Assert.Equal(DemiError.None, end.Error);
        Assert.Equal(0, end.Sga.Length);
        p.B.SgaFree(end.Sga);
        p.Wait(p.B, p.B.Close(server));
    }

    [Fact]
    public void ConnectToAClosedPortIsRefused()
    {
        using Pair p = new(SimulatedLinkFaults.None, seed: 2);
        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        Assert.Equal(DemiError.ECONNREFUSED, p.Wait(p.A, p.A.Connect(client, new IPEndPoint(AddressB, 81))).Error);
    }

    [Fact]
    public void LargePushesArriveInOrderOverALossyLink()
    {
        var faults = new SimulatedLinkFaults { LossRate = 0.02, DuplicationRate = 0.01, ReorderRate = 0.02, CorruptionRate = 0.002, Delay = TimeSpan.FromMicroseconds(200) };
        using Pair p = new(faults, seed: 3);
        (QDesc client, QDesc server) = Connect(p, 5000);

        const int Total = 4 << 20;
        byte[] sent = new byte[Total];
        new Random(3).NextBytes(sent);
        QToken[] pushes = new QToken[Total / (256 * 1024)];
        Sga[] sgas = new Sga[pushes.Length];
        for (int i = 0; i < pushes.Length; i++)
        {
            sgas[i] = p.A.SgaAlloc(256 * 1024);
            sgas[i].CopyFrom(sent.AsSpan(i * 256 * 1024, 256 * 1024));
            pushes[i] = p.A.Push(client, sgas[i]);
        }

        byte[] received = new byte[Total];
        int got = 0;
        while (got < Total)
        {
            QResult r = p.Wait(p.B, p.B.Pop(server));
            Assert.Equal(DemiError.None, r.Error);
            Assert.True(r.Sga.Length > 0, $"end of stream after {got} bytes");
            r.Sga.CopyTo(received.AsSpan(got));
            got += r.Sga.Length;
            p.B.SgaFree(r.Sga);
        }

        for (int i = 0; i < pushes.Length; i++)
        {
            Assert.Equal(DemiError.None, p.Wait(p.A, pushes[i]).Error);
            p.A.SgaFree(sgas[i]);
        }

        Assert.True(sent.AsSpan().SequenceEqual(received), "the received stream differs from the sent one");
        Assert.True(p.A.Tcp.Engine.Stats.Retransmissions > 0);
    }
}
