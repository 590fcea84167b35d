namespace DemiGen;

/// <summary>
/// The layers of one Catnip stack wired together over one device: Ethernet, ARP, IPv4 and ICMP (transports register
/// with <see cref="Ipv4"/>). <see cref="Poll"/> is its whole engine: drain received frames, then run due timers.
/// </summary>
internal sealed class InetStack : IFrameReceiver
{
    /// <summary>Frames handled per poll before the scheduler gets the thread back.</summary>
    internal const int ReceiveBudget = 64;

    private readonly DemiClock clock;

    internal InetStack(IFrameDevice device, InetConfig config, DemiClock clock)
    {
        Device = device;
        Config = config;
        this.clock = clock;
        Ethernet = new EthernetLayer(device, config.Mac);
        Arp = new ArpLayer(Ethernet, config, clock);
        Ipv4 = new Ipv4Layer(Ethernet, Arp, config);
        Icmp = new IcmpLayer(Ipv4);
        Ethernet.Arp = Arp;
        Ethernet.Ipv4 = Ipv4;
        Ipv4.Register(IpProtocol.Icmp, Icmp);
    }

    internal IFrameDevice Device { get; }

    internal InetConfig Config { get; }

    internal EthernetLayer Ethernet { get; }

    internal ArpLayer Arp { get; }

    internal Ipv4Layer Ipv4 { get; }

    internal IcmpLayer Icmp { get; }

    /// <summary>When a timer of any layer is next due, or <see cref="long.MaxValue"/>.</summary>
    internal long NextDeadlineNanoseconds => Math.Min(Arp.NextDeadlineNanoseconds, Ipv4.NextDeadlineNanoseconds);

    /// <summary>Handles received frames and due timers without blocking; true if anything happened.</summary>
    internal bool Poll()
    {
        bool progress = Device.Receive(this, ReceiveBudget) > 0;
        long now = clock.NowNanoseconds;
        if (Arp.NextDeadlineNanoseconds <= now)
        {
            Arp.OnTimer(now);
            progress = true;
        }

        if (Ipv4.NextDeadlineNanoseconds <= now)
        {
            Ipv4.OnTimer(now);
            progress = true;
        }

        return progress;
    }

    void IFrameReceiver.OnFrame(ReadOnlySpan<byte> frame) => Ethernet.Receive(frame);
}
