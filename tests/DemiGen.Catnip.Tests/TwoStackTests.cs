using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnip.Tests;

/// <summary>Two Catnip stacks on one thread over a simulated link, driven in discrete-event time.</summary>
public class TwoStackTests
{
    private static readonly IPAddress AddressA = IPAddress.Parse("10.7.0.1");
    private static readonly IPAddress AddressB = IPAddress.Parse("10.7.0.2");

    private sealed class Pair : IDisposable
    {
        internal Pair(SimulatedLinkFaults faults, int seed)
        {
            Clock = new ManualClock(autoAdvance: false);
            Link = new SimulatedLink(Clock, faults, seed);
            // B first: async DemiTask handlers start on LibOS.Current, the first libOS made on the thread, and the echo handlers run on B.
            B = Create(Link.B, AddressB);
            A = Create(Link.A, AddressA);
        }

        internal ManualClock Clock { get; }

        internal SimulatedLink Link { get; }

        internal CatnipLibOS A { get; }

        internal CatnipLibOS B { get; }

        internal QResult Wait(LibOS owner, QToken qt, TimeSpan limit) => SimulatedNetwork.Wait(Clock, owner, qt, [A, B], limit);

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }

        private CatnipLibOS Create(SimulatedLinkEndpoint end, IPAddress address) =>
            (CatnipLibOS)LibOS.Create(LibOSKind.Catnip, new LibOSOptions
            {
                Clock = Clock,
                Catnip = new CatnipOptions { Device = CatnipDeviceKind.Simulated, SimulatedLink = end, Address = address, ArpRetryInterval = TimeSpan.FromMilliseconds(50), ArpMaxRequests = 5 },
            });
    }

    [Fact]
    public void DatagramCrossesTheLinkAfterArpResolution()
    {
        using Pair p = new(SimulatedLinkFaults.None, seed: 1);
        QDesc server = p.B.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        p.B.Bind(server, new IPEndPoint(AddressB, 9000));
        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        QToken pop = p.B.Pop(server);

        Sga data = p.A.SgaAlloc(4);
        data.CopyFrom("ping"u8);
        Assert.Equal(DemiError.None, p.Wait(p.A, p.A.PushTo(client, data, new IPEndPoint(AddressB, 9000)), TimeSpan.FromSeconds(1)).Error);
        p.A.SgaFree(data);

        QResult received = p.Wait(p.B, pop, TimeSpan.FromSeconds(1));
        Assert.Equal("ping"u8.ToArray(), received.Sga.ToArray());
        Assert.Equal(AddressA, received.Remote!.Address);
        Assert.Equal(p.A.LocalEndPoint(client).Port, received.Remote.Port);
        p.B.SgaFree(received.Sga);
        Assert.Equal(1, p.A.Stack.Arp.Counters.RequestsSent);
        Assert.Equal(1, p.B.Stack.Arp.Counters.RepliesSent);
    }

    [Fact]
    public void AsyncEchoHandlersServeOverTheLink()
    {
        using Pair p = new(new SimulatedLinkFaults { Delay = TimeSpan.FromMicroseconds(50) }, seed: 2);
        QDesc server = p.B.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        p.B.Bind(server, new IPEndPoint(AddressB, 7));
        p.B.Spawn(Echo(p.B, server, 3));

        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        for (int i = 0; i < 3; i++)
        {
            Sga data = p.A.SgaAlloc(1);
            data.Span[0] = (byte)i;
            p.Wait(p.A, p.A.PushTo(client, data, new IPEndPoint(AddressB, 7)), TimeSpan.FromSeconds(1));
            p.A.SgaFree(data);
            QResult back = p.Wait(p.A, p.A.Pop(client), TimeSpan.FromSeconds(1));
            Assert.Equal(new[] { (byte)i }, back.Sga.ToArray());
            p.A.SgaFree(back.Sga);
        }
    }

    private static async DemiTask Echo(LibOS os, QDesc qd, int count)
    {
        for (int i = 0; i < count; i++)
        {
            QResult r = await os.PopAsync(qd);
            await os.PushToAsync(qd, r.Sga, r.Remote!);
            os.SgaFree(r.Sga);
        }
    }

    [Theory]
    [InlineData(0.01, 11)]
    [InlineData(0.05, 12)]
    [InlineData(0.10, 13)]
    public void UdpEchoUnderLossDuplicationReorderingDelayAndCorruptionReturnsOnlyIntactDatagrams(double loss, int seed)
    {
        SimulatedLinkFaults faults = new()
        {
            LossRate = loss, DuplicationRate = 0.05, ReorderRate = 0.1, CorruptionRate = 0.05,
            Delay = TimeSpan.FromMicroseconds(100), ReorderDelay = TimeSpan.FromMicroseconds(300),
        };
        using Pair p = new(faults, seed);
        QDesc server = p.B.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        p.B.Bind(server, new IPEndPoint(AddressB, 7));
        p.B.Spawn(EchoUntilClosed(p.B, server));
        QDesc client = p.A.Socket(AddressFamily.InterNetwork, SocketType.Dgram);
        IPEndPoint to = new(AddressB, 7);

        const int count = 300;
        Dictionary<string, int> sent = [];
        HashSet<int> echoed = [];
        QToken pop = p.A.Pop(client);
        for (int i = 0; i < count; i++)
        {
            byte[] payload = Payload(seed, i);
            sent[Convert.ToHexString(payload)] = i;
            Sga data = p.A.SgaAlloc(payload.Length);
            data.CopyFrom(payload);
            // ENOBUFS: the ARP queue for B is full because its request or reply was lost; the datagram is not sent.
            DemiError pushed = p.Wait(p.A, p.A.PushTo(client, data, to), TimeSpan.FromSeconds(1)).Error;
            Assert.True(pushed is DemiError.None or DemiError.ENOBUFS, $"push {i} failed with {pushed} (seed {seed}).");
            p.A.SgaFree(data);

            // Take every echo that arrives within 5 ms of simulated time (late duplicates and reordered ones included).
            while (true)
            {
                QResult r = p.Wait(p.A, pop, TimeSpan.FromMilliseconds(5));
                if (r.Error == DemiError.ETIMEDOUT && r.QDesc == default)
                {
                    break;
                }

                string key = Convert.ToHexString(r.Sga.ToArray());
                Assert.True(sent.ContainsKey(key), $"an echo arrived that was never sent (seed {seed}); {p.A.CountersReport}");
                echoed.Add(sent[key]);
                p.A.SgaFree(r.Sga);
                pop = p.A.Pop(client);
            }
        }

        SimulatedLinkCounters link = p.Link.Counters;
        string report = $"seed {seed}: {echoed.Count}/{count} echoed; link: {link.Lost} lost, {link.Duplicated} duplicated, {link.Reordered} reordered, {link.Corrupted} corrupted; A {p.A.CountersReport}; B {p.B.CountersReport}";
        Assert.True(link.Lost > 0 && link.Duplicated > 0 && link.Reordered > 0 && link.Corrupted > 0, report);
        Assert.True(echoed.Count >= count * (1 - (4 * loss) - 0.15), report);
        long detected = p.A.Stack.Ethernet.Counters.Dropped + p.A.Stack.Ipv4.Counters.Dropped + p.A.Udp.Counters.Dropped
            + p.B.Stack.Ethernet.Counters.Dropped + p.B.Stack.Ipv4.Counters.Dropped + p.B.Udp.Counters.Dropped;
        Assert.True(detected > 0, report);
        p.A.Close(client);
        p.B.Close(server);
    }

    private static async DemiTask EchoUntilClosed(LibOS os, QDesc qd)
    {
        while (true)
        {
            QResult r = await os.PopAsync(qd);
            if (r.Error != DemiError.None)
            {
                return;
            }

            await os.PushToAsync(qd, r.Sga, r.Remote!);
            os.SgaFree(r.Sga);
        }
    }

    private static byte[] Payload(int seed, int index)
    {
        byte[] payload = new byte[64 + (index % 900)];
        new Random(seed * 100_003 + index).NextBytes(payload);
        BitConverter.TryWriteBytes(payload, index);
        return payload;
    }
}
