using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnap.Tests;

public sealed class TcpEchoTests
{
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void Bytes_pushed_to_the_echo_server_come_back(AddressFamily family)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint server = Loopback.StartTcpEcho(os, family, out _);
        QDesc client = Loopback.Connect(os, server);

        byte[] payload = Loopback.RandomBytes(1000, seed: 1);
        Loopback.Push(os, client, payload);

        Assert.Equal(payload, Loopback.PopExactly(os, client, payload.Length));
        Assert.Equal(DemiError.None, os.Wait(os.Close(client), Loopback.Patience).Error);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void A_wildcard_bind_to_port_zero_reports_the_port_the_system_chose(AddressFamily family)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPAddress any = family == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any;
        QDesc listener = os.Socket(family, SocketType.Stream);
        os.Bind(listener, new IPEndPoint(any, 0));
        os.Listen(listener, 16);

        IPEndPoint local = os.LocalEndPoint(listener);
        Assert.Equal(any, local.Address);
        Assert.NotEqual(0, local.Port);

        os.Spawn(Samples.Echo.EchoServer.AcceptLoop(os, listener));
        QDesc client = Loopback.Connect(os, new IPEndPoint(Loopback.Address(family), local.Port));
        Loopback.Push(os, client, "wildcard"u8);
        Assert.Equal("wildcard"u8.ToArray(), Loopback.PopExactly(os, client, 8));
    }

    [Fact]
    public void A_thousand_concurrent_connections_are_each_echoed_their_own_bytes()
    {
        const int Connections = 1000;
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc listener = Samples.Echo.EchoServer.Open(os, new IPEndPoint(IPAddress.Loopback, 0), udp: false, backlog: Connections);
        os.Spawn(Samples.Echo.EchoServer.AcceptLoop(os, listener));
        IPEndPoint server = os.LocalEndPoint(listener);

        QDesc[] clients = new QDesc[Connections];
        QToken[] connects = new QToken[Connections];
        for (int i = 0; i < Connections; i++)
        {
            clients[i] = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
            connects[i] = os.Connect(clients[i], server);
        }

        WaitAll(os, connects, DemiOpcode.Connect);

        QToken[] pushes = new QToken[Connections];
        Sga[] messages = new Sga[Connections];
        for (int i = 0; i < Connections; i++)
        {
            messages[i] = os.SgaAlloc(sizeof(int));
            BitConverter.TryWriteBytes(messages[i].Span, i);
            pushes[i] = os.Push(clients[i], messages[i]);
        }

        WaitAll(os, pushes, DemiOpcode.Push);
        foreach (Sga message in messages)
        {
            os.SgaFree(message);
        }

        for (int i = 0; i < Connections; i++)
        {
            Assert.Equal(i, BitConverter.ToInt32(Loopback.PopExactly(os, clients[i], sizeof(int))));
        }

        QToken[] closes = new QToken[Connections];
        for (int i = 0; i < Connections; i++)
        {
            closes[i] = os.Close(clients[i]);
        }

        WaitAll(os, closes, DemiOpcode.Close);
    }

    [Fact]
    public void A_one_megabyte_push_arrives_intact_and_in_order()
    {
        const int Size = 1 << 20;
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint server = Loopback.StartTcpEcho(os, AddressFamily.InterNetwork, out _);
        QDesc client = Loopback.Connect(os, server);

        byte[] payload = Loopback.RandomBytes(Size, seed: 2);
        Sga sga = os.SgaAlloc(Size);
        Assert.True(sga.SegmentCount > 1);
        sga.CopyFrom(payload);
        QToken push = os.Push(client, sga);

        // The echo comes back while the push is still being written in the background.
        byte[] echoed = Loopback.PopExactly(os, client, Size);
        Assert.Equal(DemiError.None, os.Wait(push, Loopback.Patience).Error);
        os.SgaFree(sga);
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public void Successive_pushes_arrive_in_the_order_they_were_made()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint server = Loopback.StartTcpEcho(os, AddressFamily.InterNetwork, out _);
        QDesc client = Loopback.Connect(os, server);

        const int Pushes = 8;
        const int Size = 200_000;
        byte[] expected = Loopback.RandomBytes(Pushes * Size, seed: 3);
        QToken[] tokens = new QToken[Pushes];
        Sga[] sgas = new Sga[Pushes];
        for (int i = 0; i < Pushes; i++)
        {
            sgas[i] = os.SgaAlloc(Size);
            sgas[i].CopyFrom(expected.AsSpan(i * Size, Size));
            tokens[i] = os.Push(client, sgas[i]);
            os.SgaFree(sgas[i]);
        }

        Assert.Equal(expected, Loopback.PopExactly(os, client, expected.Length));
        WaitAll(os, tokens, DemiOpcode.Push);
    }

    [Fact]
    public void The_default_libos_is_catnap()
    {
        using LibOS os = LibOS.Create();
        Assert.Equal(LibOSKind.Catnap, os.Kind);
    }

    private static void WaitAll(LibOS os, QToken[] tokens, DemiOpcode expected)
    {
        foreach (QToken token in tokens)
        {
            QResult result = os.Wait(token, Loopback.Patience);
            Assert.Equal(DemiError.None, result.Error);
            Assert.Equal(expected, result.Opcode);
        }
    }
}
