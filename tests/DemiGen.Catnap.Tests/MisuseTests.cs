using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnap.Tests;

/// <summary>Caller bugs get clear errors, and the libOS keeps serving afterwards.</summary>
public sealed class MisuseTests
{
    [Fact]
    public void Unknown_and_closed_descriptors_throw_and_the_server_keeps_serving()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint server = Loopback.StartTcpEcho(os, AddressFamily.InterNetwork, out _);
        QDesc closed = Loopback.Connect(os, server);
        os.Wait(os.Close(closed), Loopback.Patience);

        DemiUsageException unknown = Assert.Throws<DemiUsageException>(() => os.Pop(new QDesc(123_456)));
        Assert.Contains("unknown or closed", unknown.Message);
        Assert.Throws<DemiUsageException>(() => os.Push(closed, os.SgaAlloc(1)));
        Assert.Throws<DemiUsageException>(() => os.Close(closed));

        QDesc client = Loopback.Connect(os, server);
        Loopback.Push(os, client, "still here"u8);
        Assert.Equal("still here"u8.ToArray(), Loopback.PopExactly(os, client, 10));
    }

    [Fact]
    public void Operations_that_do_not_fit_the_socket_throw_DemiException()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc tcp = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        QDesc udp = os.Socket(AddressFamily.InterNetwork, SocketType.Dgram);

        Assert.Equal(DemiError.EINVAL, Assert.Throws<DemiException>(() => os.Accept(tcp)).Error);
        Assert.Equal(DemiError.EOPNOTSUPP, Assert.Throws<DemiException>(() => os.Listen(udp, 4)).Error);
        Assert.Equal(DemiError.EOPNOTSUPP, Assert.Throws<DemiException>(() => os.PushTo(tcp, os.SgaAlloc(1), new IPEndPoint(IPAddress.Loopback, 9))).Error);
        Assert.Equal(DemiError.EAFNOSUPPORT, Assert.Throws<DemiException>(() => os.Bind(tcp, new IPEndPoint(IPAddress.IPv6Loopback, 0))).Error);
        Assert.Equal(DemiError.ENOTCONN, os.Wait(os.Pop(tcp), Loopback.Patience).Error);
    }

    [Fact]
    public void Binding_a_port_in_use_throws_EADDRINUSE()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc first = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        os.Bind(first, new IPEndPoint(IPAddress.Loopback, 0));
        os.Listen(first, 4);

        QDesc second = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        DemiException error = Assert.Throws<DemiException>(() => os.Bind(second, os.LocalEndPoint(first)));

        Assert.Equal(DemiError.EADDRINUSE, error.Error);
    }

    [Fact]
    public void Binding_a_udp_port_in_use_throws_EADDRINUSE()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc first = os.Socket(AddressFamily.InterNetworkV6, SocketType.Dgram);
        os.Bind(first, new IPEndPoint(IPAddress.IPv6Loopback, 0));

        QDesc second = os.Socket(AddressFamily.InterNetworkV6, SocketType.Dgram);
        DemiException error = Assert.Throws<DemiException>(() => os.Bind(second, os.LocalEndPoint(first)));

        Assert.Equal(DemiError.EADDRINUSE, error.Error);
    }

    [Fact]
    public void Catnap_sockets_refuse_calls_from_another_thread()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc qd = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
        Exception? thrown = null;
        Thread other = new(() => thrown = Record.Exception(() => os.Pop(qd)));
        other.Start();
        other.Join();

        Assert.IsType<DemiUsageException>(thrown);
    }
}
