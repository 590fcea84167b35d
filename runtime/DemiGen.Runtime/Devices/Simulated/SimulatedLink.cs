namespace DemiGen;

/// <summary>
/// An in-memory Ethernet cable between two endpoints, for tests: two Catnip stacks in one process (or a stack and a
/// test that plays the peer with raw frames). Frames are timed by a shared <see cref="DemiClock"/> (a
/// <see cref="ManualClock"/> makes runs deterministic) and suffer seeded faults: loss, duplication, reordering, delay
/// and corruption. Single-threaded, like the libOSes on it.
/// </summary>
public sealed class SimulatedLink
{
    private readonly Random random;
    private readonly Stack<byte[]> freeBuffers = new();
    private long sequence;

    /// <summary>Creates a link whose faults are drawn from a generator seeded with <paramref name="seed"/>.</summary>
    public SimulatedLink(DemiClock clock, SimulatedLinkFaults? faults = null, int seed = 1, int mtu = 1500)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 576);
        Clock = clock;
        Faults = faults ?? SimulatedLinkFaults.None;
        Seed = seed;
        MaxFrameBytes = mtu + EthernetHeader.Length;
        random = new Random(seed);
        A = new SimulatedLinkEndpoint(this, "A");
        B = new SimulatedLinkEndpoint(this, "B");
        A.Peer = B;
        B.Peer = A;
    }

    /// <summary>One end.</summary>
    public SimulatedLinkEndpoint A { get; }

    /// <summary>The other end.</summary>
    public SimulatedLinkEndpoint B { get; }

    /// <summary>The seed of the fault generator (print it when a test fails).</summary>
    public int Seed { get; }

    /// <summary>The faults applied to every frame.</summary>
    public SimulatedLinkFaults Faults { get; set; }

    /// <summary>What happened to the frames so far.</summary>
    public SimulatedLinkCounters Counters { get; } = new();

    internal DemiClock Clock { get; }

    internal int MaxFrameBytes { get; }

    /// <summary>When the next frame in flight (either direction) becomes deliverable, or <see cref="long.MaxValue"/>.</summary>
    internal long NextDeliveryNanoseconds => Math.Min(A.NextArrival, B.NextArrival);

    internal void Carry(SimulatedLinkEndpoint to, ReadOnlySpan<byte> frame)
    {
        Counters.Sent++;
        if (Chance(Faults.LossRate))
        {
            Counters.Lost++;
            return;
        }

        long deliverAt = Clock.NowNanoseconds + Faults.Delay.Ticks * 100;
        if (Chance(Faults.ReorderRate))
        {
            Counters.Reordered++;
            deliverAt += Faults.ReorderDelay.Ticks * 100;
        }

        SimulatedFrame copy = Copy(frame);
        if (Chance(Faults.CorruptionRate) && frame.Length > 0)
        {
            Counters.Corrupted++;
            copy.Buffer[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
        }

        to.Arrive(copy, deliverAt, sequence++);
        if (Chance(Faults.DuplicationRate))
        {
            Counters.Duplicated++;
            to.Arrive(Copy(copy.Bytes), deliverAt, sequence++);
        }
    }

    /// <summary>Returns a delivered frame's buffer for reuse: a busy link allocates nothing per frame.</summary>
    internal void Release(SimulatedFrame frame) => freeBuffers.Push(frame.Buffer);

    private SimulatedFrame Copy(ReadOnlySpan<byte> frame)
    {
        byte[] buffer = freeBuffers.Count > 0 && freeBuffers.Peek().Length >= frame.Length ? freeBuffers.Pop() : new byte[Math.Max(frame.Length, MaxFrameBytes)];
        frame.CopyTo(buffer);
        return new SimulatedFrame(buffer, frame.Length);
    }

    private bool Chance(double probability) => probability > 0 && random.NextDouble() < probability;
}
