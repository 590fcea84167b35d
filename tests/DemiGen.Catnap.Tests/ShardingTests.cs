using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnap.Tests;

public sealed class ShardingTests
{
    [Fact]
    public void Two_libOSes_on_two_threads_share_one_port_and_every_connection_is_echoed()
    {
        LibOSOptions sharded = new() { CatnapReusePort = true };
        using EchoServerThread first = new(new IPEndPoint(IPAddress.Loopback, 0), sharded);
        using EchoServerThread second = new(new IPEndPoint(IPAddress.Loopback, first.Port), sharded);
        Assert.Equal(first.Port, second.Port);

        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        IPEndPoint server = new(IPAddress.Loopback, first.Port);
        for (int i = 0; i < 40; i++)
        {
            QDesc client = Loopback.Connect(os, server);
            byte[] message = BitConverter.GetBytes(i);
            Loopback.Push(os, client, message);
            Assert.Equal(message, Loopback.PopExactly(os, client, message.Length));
            os.Wait(os.Close(client), Loopback.Patience);
        }
    }

    [Fact]
    public void Without_reuse_port_a_second_listener_on_the_port_is_refused()
    {
        using EchoServerThread first = new(new IPEndPoint(IPAddress.Loopback, 0));
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        QDesc second = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);

        DemiException error = Assert.Throws<DemiException>(() => os.Bind(second, new IPEndPoint(IPAddress.Loopback, first.Port)));

        Assert.Equal(DemiError.EADDRINUSE, error.Error);
    }
}
