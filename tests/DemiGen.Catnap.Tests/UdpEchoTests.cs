using System.Net;
using System.Net.Sockets;
using DemiGen.Samples.Echo;

namespace DemiGen.Catnap.Tests;

public sealed class UdpEchoTests
{
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void A_datagram_pushed_to_the_echo_server_comes_back_from_its_endpoint(AddressFamily family)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc server = EchoServer.Open(os, new IPEndPoint(Loopback.Address(family), 0), udp: true);
        IPEndPoint serverEndPoint = os.LocalEndPoint(server);
        os.Spawn(EchoServer.DatagramLoop(os, server));

        QDesc client = os.Socket(family, SocketType.Dgram);
        os.Bind(client, new IPEndPoint(Loopback.Address(family), 0));
        byte[] payload = Loopback.RandomBytes(512, seed: 7);
        Sga sga = os.SgaAlloc(payload.Length);
        sga.CopyFrom(payload);
        Assert.Equal(DemiError.None, os.Wait(os.PushTo(client, sga, serverEndPoint), Loopback.Patience).Error);
        os.SgaFree(sga);

        QResult reply = os.Wait(os.Pop(client), Loopback.Patience);
        Assert.Equal(DemiError.None, reply.Error);
        Assert.Equal(payload, reply.Sga.ToArray());
        Assert.Equal(serverEndPoint, reply.Remote);
        os.SgaFree(reply.Sga);
    }

    [Fact]
    public void A_connected_udp_socket_pushes_without_a_destination()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc server = EchoServer.Open(os, new IPEndPoint(IPAddress.Loopback, 0), udp: true);
        IPEndPoint serverEndPoint = os.LocalEndPoint(server);
        os.Spawn(EchoServer.DatagramLoop(os, server));

        QDesc client = os.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        Assert.Equal(DemiError.None, os.Wait(os.Connect(client, serverEndPoint), Loopback.Patience).Error);
        Loopback.Push(os, client, "ping"u8);
        QResult reply = os.Wait(os.Pop(client), Loopback.Patience);
        Assert.Equal("ping"u8.ToArray(), reply.Sga.ToArray());
        os.SgaFree(reply.Sga);
    }
}
