namespace DemiGen;

/// <summary>
/// ARP (RFC 826) for the stack's one IPv4 address: answers requests for it, learns mappings with the RFC's merge
/// rule, resolves next hops with retried requests while the packets for them wait in a short queue, and announces
/// the address with a gratuitous ARP.
/// </summary>
internal sealed class ArpLayer
{
    private readonly EthernetLayer ethernet;
    private readonly InetConfig config;
    private readonly DemiClock clock;
    private readonly Dictionary<Ipv4Address, PendingResolution> pending = [];
    private readonly List<Ipv4Address> due = [];

    internal ArpLayer(EthernetLayer ethernet, InetConfig config, DemiClock clock)
    {
        this.ethernet = ethernet;
        this.config = config;
        this.clock = clock;
        Cache = new ArpCache(config.ArpEntryLifetimeNanoseconds);
        foreach ((Ipv4Address address, MacAddress mac) in config.StaticArp)
        {
            Cache.AddStatic(address, mac);
        }
    }

    internal ArpCounters Counters { get; } = new();

    internal ArpCache Cache { get; }

    /// <summary>Addresses being resolved now.</summary>
    internal int PendingCount => pending.Count;

    internal long NextDeadlineNanoseconds
    {
        get
        {
            long next = long.MaxValue;
            foreach (PendingResolution resolution in pending.Values)
            {
                next = Math.Min(next, resolution.NextAttemptAt);
            }

            return next;
        }
    }

    internal void Receive(ReadOnlySpan<byte> payload)
    {
        Counters.Received++;
        switch (ArpPacket.TryParse(payload, out ArpPacket packet))
        {
            case ArpParseResult.Truncated:
                Counters.DroppedTruncated++;
                return;
            case ArpParseResult.Unsupported:
                Counters.DroppedUnsupported++;
                return;
        }

        if (packet.SenderAddress == config.Address)
        {
            if (packet.SenderMac != ethernet.LocalMac)
            {
                Counters.AddressConflicts++;
            }

            return;
        }

        long now = clock.NowNanoseconds;
        bool learnable = !packet.SenderAddress.IsAny && !packet.SenderAddress.IsBroadcast && !packet.SenderMac.IsMulticast;
        bool learned = false;
        if (learnable && Cache.Contains(packet.SenderAddress, now))
        {
            learned = Cache.Learn(packet.SenderAddress, packet.SenderMac, now);
        }

        if (packet.TargetAddress == config.Address)
        {
            if (learnable && !learned)
            {
                learned = Cache.Learn(packet.SenderAddress, packet.SenderMac, now);
            }

            if (packet.Operation == ArpPacket.Request)
            {
                Send(ArpPacket.Reply, packet.SenderMac, packet.SenderMac, packet.SenderAddress);
                Counters.RepliesSent++;
            }
        }

        if (learned && pending.Remove(packet.SenderAddress, out PendingResolution? resolution))
        {
            Counters.Resolved++;
            Flush(resolution, packet.SenderMac);
        }
    }

    internal bool TryResolve(Ipv4Address address, out MacAddress mac) => Cache.TryGet(address, clock.NowNanoseconds, out mac);

    /// <summary>Keeps a copy of <paramref name="ipPacket"/> until <paramref name="nextHop"/> resolves; false (dropped, counted) if its queue is full.</summary>
    internal bool Enqueue(Ipv4Address nextHop, ReadOnlySpan<byte> ipPacket)
    {
        bool first = !pending.TryGetValue(nextHop, out PendingResolution? resolution);
        if (first)
        {
            resolution = new PendingResolution();
            pending.Add(nextHop, resolution);
        }

        if (resolution!.Packets.Count >= config.ArpQueueLimit)
        {
            Counters.PacketsDroppedUnresolved++;
            return false;
        }

        // Copy before requesting: the packet lives in the transmit buffer the request is built in.
        resolution.Packets.Enqueue(ipPacket.ToArray());
        if (first)
        {
            Request(nextHop, resolution);
        }

        return true;
    }

    /// <summary>Broadcasts a gratuitous ARP request for the stack's own address so neighbours refresh their caches.</summary>
    internal void Announce()
    {
        Send(ArpPacket.Request, MacAddress.Broadcast, MacAddress.Zero, config.Address);
        Counters.AnnouncementsSent++;
    }

    internal void OnTimer(long now)
    {
        due.Clear();
        foreach ((Ipv4Address address, PendingResolution resolution) in pending)
        {
            if (resolution.NextAttemptAt <= now)
            {
                due.Add(address);
            }
        }

        foreach (Ipv4Address address in due)
        {
            PendingResolution resolution = pending[address];
            if (resolution.Requests >= config.ArpMaxRequests)
            {
                pending.Remove(address);
                Counters.ResolutionFailures++;
                Counters.PacketsDroppedUnresolved += resolution.Packets.Count;
                continue;
            }

            Request(address, resolution);
        }
    }

    private void Request(Ipv4Address address, PendingResolution resolution)
    {
        resolution.Requests++;
        resolution.NextAttemptAt = clock.NowNanoseconds + config.ArpRetryIntervalNanoseconds;
        Send(ArpPacket.Request, MacAddress.Broadcast, MacAddress.Zero, address);
        Counters.RequestsSent++;
    }

    private void Flush(PendingResolution resolution, MacAddress mac)
    {
        while (resolution.Packets.TryDequeue(out byte[]? packet))
        {
            packet.CopyTo(ethernet.PayloadBuffer);
            ethernet.Send(mac, EtherType.Ipv4, packet.Length);
        }
    }

    private void Send(ushort operation, MacAddress frameDestination, MacAddress targetMac, Ipv4Address targetAddress)
    {
        new ArpPacket(operation, ethernet.LocalMac, config.Address, targetMac, targetAddress).Write(ethernet.PayloadBuffer);
        ethernet.Send(frameDestination, EtherType.Arp, ArpPacket.Length);
    }

    private sealed class PendingResolution
    {
        internal int Requests;
        internal long NextAttemptAt;
        internal readonly Queue<byte[]> Packets = new();
    }
}
