using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnap.Tests;

/// <summary>How connections end: resets, half-closes, graceful and abortive closes, refused connects.</summary>
public sealed class ConnectionEndTests
{
    [Fact]
    public void A_peer_reset_completes_the_pending_pop_with_ECONNRESET_and_a_later_push_with_an_error()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        (QDesc client, QDesc served) = ConnectedPair(os);
        QToken pop = os.Pop(served);

        os.Abort(client);

        QResult popped = os.Wait(pop, Loopback.Patience);
        Assert.Equal(DemiOpcode.Failed, popped.Opcode);
        Assert.Equal(DemiError.ECONNRESET, popped.Error);

        Sga data = os.SgaAlloc(16);
        QResult pushed = os.Wait(os.Push(served, data), Loopback.Patience);
        os.SgaFree(data);
        Assert.Contains(pushed.Error, new[] { DemiError.EPIPE, DemiError.ECONNRESET });
        Assert.Equal(DemiError.None, os.Wait(os.Close(served), Loopback.Patience).Error);
    }

    [Fact]
    public void After_the_peer_half_closes_pops_see_the_end_and_pushes_still_reach_it()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc listener = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        os.Bind(listener, new IPEndPoint(IPAddress.Loopback, 0));
        os.Listen(listener, 4);
        QToken accept = os.Accept(listener);

        // A kernel socket as the peer: it connects and sends on its own, since the kernel completes the handshake.
        using Socket peer = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        peer.Connect(os.LocalEndPoint(listener));
        peer.Send("question"u8);
        peer.Shutdown(SocketShutdown.Send);

        QResult accepted = os.Wait(accept, Loopback.Patience);
        Assert.Equal(DemiOpcode.Accept, accepted.Opcode);
        Assert.Equal(peer.LocalEndPoint, accepted.Remote);
        QDesc served = accepted.Accepted;
        Assert.Equal("question"u8.ToArray(), Loopback.PopExactly(os, served, 8));

        QResult end = os.Wait(os.Pop(served), Loopback.Patience);
        Assert.Equal(DemiOpcode.Pop, end.Opcode);
        Assert.True(end.Sga.IsEmpty);
        Assert.True(os.Wait(os.Pop(served), Loopback.Patience).Sga.IsEmpty, "the end of the stream is reported again");

        Loopback.Push(os, served, "answer"u8);
        Assert.Equal(DemiError.None, os.Wait(os.Close(served), Loopback.Patience).Error);

        byte[] received = new byte[64];
        int total = 0;
        for (int n; (n = peer.Receive(received.AsSpan(total))) > 0;)
        {
            total += n;
        }

        Assert.Equal("answer"u8.ToArray(), received[..total]);
    }

    [Fact]
    public void A_graceful_close_sends_its_pending_pushes_before_the_end_of_stream()
    {
        const int Size = 16 << 20;
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        (QDesc client, QDesc served) = ConnectedPair(os);

        byte[] payload = Loopback.RandomBytes(Size, seed: 4);
        Sga sga = os.SgaAlloc(Size);
        sga.CopyFrom(payload);
        DemiOperation push = os.PushAsync(client, sga);
        os.SgaFree(sga);
        Assert.False(push.IsCompleted, "16 MB do not fit the kernel's buffers while nobody reads");
        QToken close = os.Close(client);

        byte[] received = Loopback.PopExactly(os, served, Size);
        Assert.True(os.Wait(os.Pop(served), Loopback.Patience).Sga.IsEmpty);
        Assert.Equal(payload, received);
        Assert.Equal(DemiError.None, os.Wait(push.Token, Loopback.Patience).Error);
        Assert.Equal(DemiOpcode.Close, os.Wait(close, Loopback.Patience).Opcode);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void Closing_a_socket_cancels_its_pending_pops()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        (_, QDesc served) = ConnectedPair(os);
        QToken first = os.Pop(served);
        QToken second = os.Pop(served);

        QResult closed = os.Wait(os.Close(served), Loopback.Patience);

        Assert.Equal(DemiOpcode.Close, closed.Opcode);
        Assert.Equal(DemiError.ECANCELED, os.Wait(first, Loopback.Patience).Error);
        Assert.Equal(DemiError.ECANCELED, os.Wait(second, Loopback.Patience).Error);
    }

    [Fact]
    public void Closing_a_listener_cancels_its_pending_accept()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc listener = os.Socket(AddressFamily.InterNetworkV6, SocketType.Stream);
        os.Bind(listener, new IPEndPoint(IPAddress.IPv6Loopback, 0));
        os.Listen(listener, 4);
        QToken accept = os.Accept(listener);

        os.Wait(os.Close(listener), Loopback.Patience);

        Assert.Equal(DemiError.ECANCELED, os.Wait(accept, Loopback.Patience).Error);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void A_connect_to_a_closed_port_completes_with_ECONNREFUSED(AddressFamily family)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint closed = FreePort(os, family);

        QDesc client = os.Socket(family, SocketType.Stream);
        QResult connected = os.Wait(os.Connect(client, closed), Loopback.Patience);

        Assert.Equal(DemiOpcode.Failed, connected.Opcode);
        Assert.Equal(DemiError.ECONNREFUSED, connected.Error);
        Assert.Equal(DemiError.ENOTCONN, os.Wait(os.Pop(client), Loopback.Patience).Error);
    }

    [Fact]
    public void A_push_made_while_connecting_leaves_once_the_connection_is_up()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint server = Loopback.StartTcpEcho(os, AddressFamily.InterNetwork, out _);
        QDesc client = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        QToken connect = os.Connect(client, server);
        Sga early = os.SgaAlloc(5);
        early.CopyFrom("early"u8);
        QToken push = os.Push(client, early);

        Assert.Equal(DemiOpcode.Connect, os.Wait(connect, Loopback.Patience).Opcode);
        Assert.Equal(DemiError.None, os.Wait(push, Loopback.Patience).Error);
        os.SgaFree(early);
        Assert.Equal("early"u8.ToArray(), Loopback.PopExactly(os, client, 5));
    }

    [Fact]
    public void Pushes_queued_behind_a_refused_connect_fail_with_ENOTCONN()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint closed = FreePort(os, AddressFamily.InterNetwork);
        QDesc client = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        QToken connect = os.Connect(client, closed);
        Sga data = os.SgaAlloc(8);
        QToken push = os.Push(client, data);

        Assert.Equal(DemiError.ECONNREFUSED, os.Wait(connect, Loopback.Patience).Error);
        Assert.Equal(DemiError.ENOTCONN, os.Wait(push, Loopback.Patience).Error);
        os.SgaFree(data);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void Dispose_closes_every_socket_and_the_peer_sees_the_connection_end()
    {
        LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc listener = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        os.Bind(listener, new IPEndPoint(IPAddress.Loopback, 0));
        os.Listen(listener, 4);
        QToken accept = os.Accept(listener);
        using Socket peer = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        peer.Connect(os.LocalEndPoint(listener));
        os.Wait(accept, Loopback.Patience);

        os.Dispose();

        byte[] buffer = new byte[1];
        int received;
        try
        {
            received = peer.Receive(buffer);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            received = 0;
        }

        Assert.Equal(0, received);
    }

    /// <summary>A client connected to an accepted server-side queue, both on <paramref name="os"/>.</summary>
    internal static (QDesc Client, QDesc Served) ConnectedPair(LibOS os)
    {
        QDesc listener = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        os.Bind(listener, new IPEndPoint(IPAddress.Loopback, 0));
        os.Listen(listener, 4);
        QToken accept = os.Accept(listener);
        QDesc client = Loopback.Connect(os, os.LocalEndPoint(listener));
        QResult accepted = os.Wait(accept, Loopback.Patience);
        Assert.Equal(DemiError.None, accepted.Error);
        return (client, accepted.Accepted);
    }

    /// <summary>A loopback endpoint nothing listens on: a port the system handed out and that was closed again.</summary>
    private static IPEndPoint FreePort(LibOS os, AddressFamily family)
    {
        QDesc probe = os.Socket(family, SocketType.Stream);
        os.Bind(probe, new IPEndPoint(Loopback.Address(family), 0));
        IPEndPoint endpoint = os.LocalEndPoint(probe);
        os.Wait(os.Close(probe), Loopback.Patience);
        return endpoint;
    }
}
