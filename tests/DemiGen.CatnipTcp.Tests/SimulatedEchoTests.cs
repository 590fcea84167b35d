using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DemiGen.Samples.Echo;

namespace DemiGen.CatnipTcp.Tests;

/// <summary>TCP between two Catnip stacks over the simulated link, served by the echo sample's own handlers.</summary>
public class SimulatedEchoTests
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(5);

    public static TheoryData<double, double, double, double, int> Faults => new()
    {
        { 0, 0, 0, 0, 1 },
        { 0.01, 0.01, 0.05, 0.01, 2 },
        { 0.05, 0.02, 0.10, 0.02, 3 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void EchoServerReturnsEveryByteInOrder(double loss, double duplication, double reorder, double corruption, int seed)
    {
        SimulatedLinkFaults faults = new()
        {
            LossRate = loss, DuplicationRate = duplication, ReorderRate = reorder, CorruptionRate = corruption,
            Delay = TimeSpan.FromMicroseconds(100), ReorderDelay = TimeSpan.FromMicroseconds(300),
        };
        using SimulatedPair p = new(faults, seed);
        QDesc listener = EchoServer.Open(p.B, new IPEndPoint(SimulatedPair.AddressB, 7), udp: false);
        p.B.Spawn(EchoServer.AcceptLoop(p.B, listener));

        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        QResult connected = p.Wait(p.A, p.A.Connect(client, new IPEndPoint(SimulatedPair.AddressB, 7)), TimeSpan.FromSeconds(30));
        Assert.True(connected.Error == DemiError.None, $"connect: {connected.Error}; {p.Describe()}");

        byte[] data = EchoTransfer.Payload(2 * 1024 * 1024, seed);
        byte[] echoed = EchoTransfer.Run(p.A, client, data, (qt, limit) => p.Wait(p.A, qt, limit), Slice, TimeSpan.FromMinutes(10), p.Describe);
        Assert.Equal(SHA256.HashData(data), echoed);

        // Graceful close: the server sees the end of stream, closes its side, and the client pops the end of stream.
        QResult closed = p.Wait(p.A, p.A.Close(client), TimeSpan.FromSeconds(10));
        Assert.Equal(DemiError.None, closed.Error);
        p.Wait(p.B, p.B.Close(listener), TimeSpan.FromSeconds(10));
        SimulatedNetwork.RunUntilIdle([p.A, p.B]);
        long retransmissions = p.A.Tcp.Engine.Stats.Retransmissions + p.B.Tcp.Engine.Stats.Retransmissions;
        if (loss == 0)
        {
            Assert.Equal(0, retransmissions);
        }
        else
        {
            // The faults were real: frames were lost and corrupted, and TCP repaired the stream.
            Assert.True(p.Link.Counters.Lost > 0 && p.Link.Counters.Corrupted > 0 && retransmissions > 0, p.Describe());
            Assert.True(p.A.Tcp.Engine.Stats.DroppedBadChecksum + p.B.Tcp.Engine.Stats.DroppedBadChecksum + p.A.Stack.Ipv4.Counters.DroppedBadChecksum + p.B.Stack.Ipv4.Counters.DroppedBadChecksum > 0, p.Describe());
        }
    }

    [Fact]
    public void PeerCloseIsAnEmptyPopAndPushesAfterCloseFail()
    {
        using SimulatedPair p = new(SimulatedLinkFaults.None, seed: 4);
        QDesc listener = p.B.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        p.B.Bind(listener, new IPEndPoint(IPAddress.Any, 0));
        p.B.Listen(listener, 4);
        IPEndPoint server = new(SimulatedPair.AddressB, p.B.LocalEndPoint(listener).Port);
        QToken accept = p.B.Accept(listener);

        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        Assert.Equal(DemiError.None, p.Wait(p.A, p.A.Connect(client, server), TimeSpan.FromSeconds(5)).Error);
        QResult accepted = p.Wait(p.B, accept, TimeSpan.FromSeconds(5));
        Assert.Equal(DemiOpcode.Accept, accepted.Opcode);
        Assert.Equal(SimulatedPair.AddressA, accepted.Remote!.Address);
        Assert.Equal(p.A.LocalEndPoint(client).Port, accepted.Remote.Port);

        Sga hello = p.A.SgaAlloc(5);
        hello.CopyFrom("hello"u8);
        Assert.Equal(DemiError.None, p.Wait(p.A, p.A.Push(client, hello), TimeSpan.FromSeconds(5)).Error);
        p.A.SgaFree(hello);
        Assert.Equal(DemiError.None, p.Wait(p.A, p.A.Close(client), TimeSpan.FromSeconds(5)).Error);

        QResult data = p.Wait(p.B, p.B.Pop(accepted.Accepted), TimeSpan.FromSeconds(5));
        Assert.Equal("hello"u8.ToArray(), data.Sga.ToArray());
        p.B.SgaFree(data.Sga);
        QResult end = p.Wait(p.B, p.B.Pop(accepted.Accepted), TimeSpan.FromSeconds(5));
        Assert.Equal(DemiError.None, end.Error);
        Assert.True(end.Sga.IsEmpty);
        Assert.True(p.Wait(p.B, p.B.Pop(accepted.Accepted), TimeSpan.FromSeconds(5)).Sga.IsEmpty);

        // Our side is still open (CLOSE_WAIT): a push is accepted; the peer, gone, answers it with RST.
        Sga late = p.B.SgaAlloc(4);
        late.CopyFrom("late"u8);
        Assert.Equal(DemiError.None, p.Wait(p.B, p.B.Push(accepted.Accepted, late), TimeSpan.FromSeconds(5)).Error);
        p.B.SgaFree(late);
        Assert.Equal(DemiError.None, p.Wait(p.B, p.B.Close(accepted.Accepted), TimeSpan.FromSeconds(5)).Error);
        p.B.Close(listener);
    }

    [Fact]
    public void ConnectToAClosedPortIsRefusedAndAbortResetsThePeer()
    {
        using SimulatedPair p = new(SimulatedLinkFaults.None, seed: 5);
        QDesc refused = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        QResult r = p.Wait(p.A, p.A.Connect(refused, new IPEndPoint(SimulatedPair.AddressB, 9)), TimeSpan.FromSeconds(5));
        Assert.Equal(DemiError.ECONNREFUSED, r.Error);
        p.A.Close(refused);

        QDesc listener = EchoServer.Open(p.B, new IPEndPoint(SimulatedPair.AddressB, 10), udp: false);
        QToken accept = p.B.Accept(listener);
        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        Assert.Equal(DemiError.None, p.Wait(p.A, p.A.Connect(client, new IPEndPoint(SimulatedPair.AddressB, 10)), TimeSpan.FromSeconds(5)).Error);
        QDesc served = p.Wait(p.B, accept, TimeSpan.FromSeconds(5)).Accepted;
        QToken pop = p.B.Pop(served);
        p.A.Abort(client);
        QResult reset = p.Wait(p.B, pop, TimeSpan.FromSeconds(5));
        Assert.Equal(DemiError.ECONNRESET, reset.Error);
        p.B.Close(served);
        p.B.Close(listener);
    }

    [Fact]
    public void MisuseGetsClearErrors()
    {
        using SimulatedPair p = new(SimulatedLinkFaults.None, seed: 6);
        QDesc fresh = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        Assert.Equal(DemiError.ENOTCONN, p.Wait(p.A, p.A.Pop(fresh), TimeSpan.FromSeconds(1)).Error);
        Sga data = p.A.SgaAlloc(1);
        Assert.Equal(DemiError.ENOTCONN, p.Wait(p.A, p.A.Push(fresh, data), TimeSpan.FromSeconds(1)).Error);
        p.A.SgaFree(data);
        Assert.Equal(DemiError.EADDRNOTAVAIL, Assert.Throws<DemiException>(() => p.A.Bind(fresh, new IPEndPoint(IPAddress.Parse("10.9.0.77"), 80))).Error);
        Assert.Equal(DemiError.EINVAL, p.Wait(p.A, p.A.Accept(fresh), TimeSpan.FromSeconds(1)).Error);

        QDesc first = EchoServer.Open(p.A, new IPEndPoint(IPAddress.Any, 80), udp: false);
        QDesc second = p.A.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        p.A.Bind(second, new IPEndPoint(IPAddress.Any, 80));
        Assert.Equal(DemiError.EADDRINUSE, Assert.Throws<DemiException>(() => p.A.Listen(second, 1)).Error);
        Assert.Equal(DemiError.ENOTCONN, p.Wait(p.A, p.A.Pop(first), TimeSpan.FromSeconds(1)).Error);
        p.A.Close(first);
        p.A.Close(second);
        p.A.Close(fresh);
    }
}
