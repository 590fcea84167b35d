using DemiGen.Inet.Tcp;
using Xunit;

namespace DemiGen.Tcp.Tests.Link;

/// <summary>The application-facing side of the engine, between two engines: events, errors, ports, half-close.</summary>
public class EngineApiTests
{
    private const ushort Port = 7000;

    private readonly ManualClock clock = new(0, autoAdvance: false);
    private readonly LossyLink link;

    public EngineApiTests()
    {
        link = new LossyLink(clock, seed: 5, new LinkFaults(0, 0, 0, 0));
        link.Hosts[0] = new TcpEngine(new TcpConfig(), clock, link.SenderFor(0), seed: 1);
        link.Hosts[1] = new TcpEngine(new TcpConfig(), clock, link.SenderFor(1), seed: 2);
    }

    private TcpEngine Client => link.Hosts[0];

    private TcpEngine Server => link.Hosts[1];

    private sealed class Recorder : ITcpConnectionObserver, ITcpListenerObserver
    {
        public List<TcpEvents> Events { get; } = [];

        public int Acceptable { get; private set; }

        public void OnTcpEvents(TcpConnection connection, TcpEvents events) => Events.Add(events);

        public void OnAcceptable(TcpListener listener) => Acceptable++;
    }

    /// <summary>Runs the two engines until <paramref name="done"/> or until nothing is left to happen.</summary>
    private void RunUntil(Func<bool> done)
    {
        for (int i = 0; i < 100_000 && !done(); i++)
        {
            long next = Math.Min(link.NextDelivery, Math.Min(Client.NextDeadline, Server.NextDeadline));
            if (next == long.MaxValue)
            {
                return;
            }

            clock.AdvanceTo(next);
            link.DeliverDue();
            Client.CheckTimers();
            Server.CheckTimers();
        }
    }

    [Fact]
    public void EventsFollowConnectDataAndClose()
    {
        var events = new Recorder();
        TcpListener listener = Server.Listen(link.Addresses[1], Port, 4);
        listener.Observer = events;
        TcpConnection client = Client.Connect(link.Addresses[0], 0, link.Addresses[1], Port);
        client.Observer = events;
        Assert.InRange(client.Tuple.LocalPort, 49152, 65535);

        RunUntil(() => client.State == TcpState.Established && listener.ReadyCount == 1);
        Assert.Equal(TcpEvents.Established | TcpEvents.Writable, events.Events[0]);
        Assert.Equal(1, events.Acceptable);
        TcpConnection server = listener.Accept()!;
        var serverEvents = new Recorder();
        server.Observer = serverEvents;

        Assert.Equal(DemiError.None, client.Send("ping"u8, out int queued));
        Assert.Equal(4, queued);
        RunUntil(() => server.ReadableBytes == 4 && client.UnacknowledgedBytes == 0);
        Assert.Contains(TcpEvents.Readable, serverEvents.Events);
        Assert.Contains(TcpEvents.Writable, events.Events);
        byte[] buffer = new byte[16];
        Assert.Equal(4, server.Receive(buffer));
        Assert.Equal("ping"u8.ToArray(), buffer[..4]);

        // Half-close: the client's FIN ends the server's stream, yet the server can still answer.
        client.Close();
        Assert.Equal(DemiError.EPIPE, client.Send("more"u8, out _));
        RunUntil(() => server.IsEndOfStream);
        Assert.Equal(TcpState.CloseWait, server.State);
        Assert.Equal(DemiError.None, server.Send("pong"u8, out _));
        server.Close();
        RunUntil(() => server.State == TcpState.Closed);
        Assert.Equal(4, client.Receive(buffer));
        Assert.Equal("pong"u8.ToArray(), buffer[..4]);
        Assert.True(client.IsEndOfStream);
        Assert.Equal(TcpState.TimeWait, client.State);
        Assert.Equal(TcpEvents.Closed | TcpEvents.Readable | TcpEvents.Writable, serverEvents.Events[^1]);
        Assert.Equal(DemiError.None, server.Error);
    }

    [Fact]
    public void AbortResetsThePeer()
    {
        TcpListener listener = Server.Listen(link.Addresses[1], Port, 4);
        TcpConnection client = Client.Connect(link.Addresses[0], 0, link.Addresses[1], Port);
        RunUntil(() => listener.ReadyCount == 1);
        TcpConnection server = listener.Accept()!;
        var serverEvents = new Recorder();
        server.Observer = serverEvents;
        client.Abort();
        Assert.Equal(DemiError.ECONNABORTED, client.Error);
        RunUntil(() => server.State == TcpState.Closed);
        Assert.Equal(DemiError.ECONNRESET, server.Error);
        Assert.True((serverEvents.Events[^1] & TcpEvents.Closed) != 0);
        Assert.Equal(0, Client.ConnectionCount);
        Assert.Equal(0, Server.ConnectionCount);
    }

    [Fact]
    public void ConnectToClosedPortIsRefused()
    {
        TcpConnection client = Client.Connect(link.Addresses[0], 0, link.Addresses[1], Port);
        RunUntil(() => client.State == TcpState.Closed);
        Assert.Equal(DemiError.ECONNREFUSED, client.Error);
    }

    [Fact]
    public void PortsAreCheckedAndEphemeralPortsAreDistinct()
    {
        Server.Listen(link.Addresses[1], Port, 64);
        Assert.Equal(DemiError.EADDRINUSE, Assert.Throws<DemiException>(() => Server.Listen(link.Addresses[1], Port, 4)).Error);
        var ports = new HashSet<ushort>();
        for (int i = 0; i < 50; i++)
        {
            Assert.True(ports.Add(Client.Connect(link.Addresses[0], 0, link.Addresses[1], Port).Tuple.LocalPort));
        }

        TcpConnection fixedPort = Client.Connect(link.Addresses[0], 40000, link.Addresses[1], Port);
        Assert.Equal(DemiError.EADDRINUSE, Assert.Throws<DemiException>(() => Client.Connect(link.Addresses[0], 40000, link.Addresses[1], Port)).Error);
        RunUntil(() => fixedPort.State == TcpState.Established);
        Assert.Equal(51, Server.ConnectionCount);
    }

    [Fact]
    public void CloseBeforeTheHandshakeEndsSendsFinAfterIt()
    {
        TcpListener listener = Server.Listen(link.Addresses[1], Port, 4);
        TcpConnection client = Client.Connect(link.Addresses[0], 0, link.Addresses[1], Port);
        Assert.Equal(DemiError.None, client.Send("early"u8, out int queued));
        Assert.Equal(5, queued);
        RunUntil(() => listener.ReadyCount == 1);
        TcpConnection server = listener.Accept()!;
        RunUntil(() => server.ReadableBytes == 5);
        client.Close();
        RunUntil(() => server.IsEndOfStream);
        Assert.Equal(5, server.ReadableBytes);
    }
}
