using System.Net;
using System.Net.Sockets;
using DemiGen.Samples.Echo;

namespace DemiGen.Catnap.Tests;

/// <summary>Helpers for loopback tests: servers on port 0, bounded waits, and collecting a stream of pops.</summary>
internal static class Loopback
{
    /// <summary>Generous bound on any single wait, so a broken test fails instead of hanging.</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    internal static IPAddress Address(AddressFamily family) => family == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback;

    /// <summary>A listening echo server on loopback port 0 served by this libOS; returns its endpoint.</summary>
    internal static IPEndPoint StartTcpEcho(LibOS os, AddressFamily family, out QDesc listener)
    {
        listener = EchoServer.Open(os, new IPEndPoint(Address(family), 0), udp: false);
        os.Spawn(EchoServer.AcceptLoop(os, listener));
        return os.LocalEndPoint(listener);
    }

    /// <summary>A connected TCP client socket.</summary>
    internal static QDesc Connect(LibOS os, IPEndPoint server)
    {
        QDesc qd = os.Socket(server.AddressFamily, SocketType.Stream);
        QResult connected = os.Wait(os.Connect(qd, server), Patience);
        Assert.Equal(DemiError.None, connected.Error);
        Assert.Equal(DemiOpcode.Connect, connected.Opcode);
        return qd;
    }

    /// <summary>Pushes <paramref name="bytes"/> in one Sga and waits for the push.</summary>
    internal static void Push(LibOS os, QDesc qd, ReadOnlySpan<byte> bytes)
    {
        Sga sga = os.SgaAlloc(bytes.Length);
        sga.CopyFrom(bytes);
        QResult pushed = os.Wait(os.Push(qd, sga), Patience);
        os.SgaFree(sga);
        Assert.Equal(DemiError.None, pushed.Error);
    }

    /// <summary>Pops until <paramref name="count"/> bytes have arrived (a stream may split them over several pops).</summary>
    internal static byte[] PopExactly(LibOS os, QDesc qd, int count)
    {
        byte[] received = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            QResult popped = os.Wait(os.Pop(qd), Patience);
            Assert.Equal(DemiError.None, popped.Error);
            Assert.False(popped.Sga.IsEmpty, $"the peer closed after {filled} of {count} bytes");
            filled += popped.Sga.CopyTo(received.AsSpan(filled));
            os.SgaFree(popped.Sga);
        }

        return received;
    }

    internal static byte[] RandomBytes(int count, int seed)
    {
        byte[] bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
