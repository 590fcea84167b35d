using DemiGen.Inet.Tcp;

namespace DemiGen.Tcp.Tests.Link;

/// <summary>The faults a <see cref="LossyLink"/> injects, each as a probability per packet.</summary>
internal sealed record LinkFaults(double Loss, double Duplication, double Reordering, double Corruption);

/// <summary>
/// Two hosts' TCP engines joined by a simulated wire on a manual clock: a bottleneck rate with a drop-tail queue,
/// propagation delay, and seeded loss, duplication, reordering (extra delay) and corruption. Packets are queued and
/// delivered by <see cref="DeliverDue"/>, never from inside a send.
/// </summary>
internal sealed class LossyLink
{
    private const long PropagationNs = 2_000_000;
    private const long NsPerByte = 8;                 // 1 Gbit/s
    private const long MaxQueueNs = 4_000_000;        // drop-tail beyond 4 ms of queue
    private const long ReorderExtraNs = 3_000_000;
    private const int PreallocatedBuffers = 4096;
    private const int BufferSize = 2048;

    private readonly PriorityQueue<Packet, (long Time, long Order)> inFlight = new(PreallocatedBuffers);
    private readonly Random random;
    private readonly LinkFaults faults;
    private readonly DemiClock clock;
    private readonly long[] busyUntil = new long[2];
    private readonly Stack<byte[]> freeBuffers = new();
    private long order;

    public LossyLink(DemiClock clock, int seed, LinkFaults faults)
    {
        this.clock = clock;
        this.faults = faults;
        random = new Random(seed);
        for (int i = 0; i < PreallocatedBuffers; i++)
        {
            freeBuffers.Push(new byte[BufferSize]);
        }
    }

    public TcpEngine[] Hosts { get; } = new TcpEngine[2];

    public uint[] Addresses { get; } = [0x0A000001, 0x0A000002];

    public long Delivered { get; private set; }

    public long Dropped { get; private set; }

    public long NextDelivery => inFlight.TryPeek(out _, out (long Time, long Order) p) ? p.Time : long.MaxValue;

    /// <summary>The sender of host <paramref name="index"/>.</summary>
    public ITcpSegmentSender SenderFor(int index) => new Port(this, index);

    public void DeliverDue()
    {
        long now = clock.NowNanoseconds;
        while (inFlight.TryPeek(out Packet packet, out (long Time, long Order) p) && p.Time <= now)
        {
            inFlight.Dequeue();
            Delivered++;
            Hosts[packet.To].Receive(packet.Source, packet.Destination, packet.Bytes.AsSpan(0, packet.Length));
            freeBuffers.Push(packet.Bytes);
        }
    }

    private void Send(int from, uint source, uint destination, ReadOnlySpan<byte> segment)
    {
        long now = clock.NowNanoseconds;
        long start = Math.Max(now, busyUntil[from]);
        if (start - now > MaxQueueNs)
        {
            Dropped++;
            return;
        }

        busyUntil[from] = start + ((segment.Length + 40) * NsPerByte);
        if (random.NextDouble() < faults.Loss)
        {
            Dropped++;
            return;
        }

        int copies = random.NextDouble() < faults.Duplication ? 2 : 1;
        for (int c = 0; c < copies; c++)
        {
            long arrival = busyUntil[from] + PropagationNs;
            if (random.NextDouble() < faults.Reordering)
            {
                arrival += (long)(random.NextDouble() * ReorderExtraNs);
            }

            // Buffers are recycled so that, once warm, the link allocates nothing per packet either.
            byte[] bytes = freeBuffers.TryPop(out byte[]? free) && free.Length >= segment.Length ? free : new byte[Math.Max(segment.Length, BufferSize)];
            segment.CopyTo(bytes);
            if (random.NextDouble() < faults.Corruption)
            {
                bytes[random.Next(segment.Length)] ^= (byte)(1 + random.Next(255));
            }

            inFlight.Enqueue(new Packet(1 - from, source, destination, bytes, segment.Length), (arrival, order++));
        }
    }

    private readonly record struct Packet(int To, uint Source, uint Destination, byte[] Bytes, int Length);

    private sealed class Port(LossyLink link, int index) : ITcpSegmentSender
    {
        private readonly byte[] buffer = new byte[65535];

        public Span<byte> BeginSegment() => buffer;

        public void CommitSegment(uint source, uint destination, int length) =>
            link.Send(index, source, destination, buffer.AsSpan(0, length));
    }
}
