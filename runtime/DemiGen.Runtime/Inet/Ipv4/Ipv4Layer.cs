namespace DemiGen;

/// <summary>
/// IPv4 for one address on one link (RFC 791, RFC 1122 host rules): validates received datagrams, drops and counts
/// fragments (no reassembly), dispatches the rest by protocol to <see cref="IIpProtocolHandler"/>s, and sends
/// datagrams to on-link hosts or the gateway, resolving the next hop through ARP.
/// </summary>
internal sealed class Ipv4Layer
{
    private readonly EthernetLayer ethernet;
    private readonly ArpLayer arp;
    private readonly InetConfig config;
    private readonly IIpProtocolHandler?[] handlers = new IIpProtocolHandler?[256];
    private readonly List<IIpProtocolHandler> registered = [];
    private ushort nextIdentification;

    internal Ipv4Layer(EthernetLayer ethernet, ArpLayer arp, InetConfig config)
    {
        this.ethernet = ethernet;
        this.arp = arp;
        this.config = config;
        nextIdentification = (ushort)config.Address.Value;
    }

    internal Ipv4Counters Counters { get; } = new();

    internal Ipv4Address LocalAddress => config.Address;

    /// <summary>The largest payload one datagram carries (the link MTU minus the 20-byte header): TCP derives its MSS from it.</summary>
    internal int MaxPayload => ethernet.MaxPayload - Ipv4Header.MinimumLength;

    /// <summary>Registers the handler of <paramref name="protocol"/> (one per protocol).</summary>
    internal void Register(byte protocol, IIpProtocolHandler handler)
    {
        if (handlers[protocol] is not null)
        {
            throw new InvalidOperationException($"IPv4 protocol {protocol} already has a handler.");
        }

        handlers[protocol] = handler;
        registered.Add(handler);
    }

    internal void Receive(ReadOnlySpan<byte> packet)
    {
        Counters.Received++;
        switch (Ipv4Header.TryParse(packet, out Ipv4Header header))
        {
            case Ipv4ParseResult.Truncated:
                Counters.DroppedTruncated++;
                return;
            case Ipv4ParseResult.BadVersion:
                Counters.DroppedBadVersion++;
                return;
            case Ipv4ParseResult.BadLength:
                Counters.DroppedBadLength++;
                return;
            case Ipv4ParseResult.BadChecksum:
                Counters.DroppedBadChecksum++;
                return;
        }

        if (header.IsFragment)
        {
            Counters.DroppedFragment++;
            return;
        }

        if (header.Destination != config.Address && !header.Destination.IsBroadcast && header.Destination != config.SubnetBroadcast)
        {
            Counters.DroppedNotForUs++;
            return;
        }

        if (header.Source.IsBroadcast || header.Source.IsMulticast || header.Source == config.SubnetBroadcast)
        {
            Counters.DroppedBadSource++;
            return;
        }

        if (handlers[header.Protocol] is not { } handler)
        {
            Counters.DroppedUnknownProtocol++;
            return;
        }

        Counters.Delivered++;
        handler.Receive(header.Source, header.Destination, packet[header.HeaderLength..header.TotalLength]);
    }

    /// <summary>
    /// The payload area of the next datagram (<see cref="MaxPayload"/> bytes, inside the frame being built): write the
    /// transport header and data here, then call <see cref="CommitSend"/>. Valid until the next send of any layer.
    /// </summary>
    internal Span<byte> BeginSend() => ethernet.PayloadBuffer.Slice(Ipv4Header.MinimumLength, MaxPayload);

    /// <summary>Sends the first <paramref name="payloadLength"/> bytes of <see cref="BeginSend"/>'s area to <paramref name="destination"/>.</summary>
    internal Ipv4SendResult CommitSend(Ipv4Address destination, byte protocol, int payloadLength)
    {
        if ((uint)payloadLength > (uint)MaxPayload)
        {
            Counters.SendTooLarge++;
            return Ipv4SendResult.TooLarge;
        }

        if (!TryNextHop(destination, out Ipv4Address nextHop, out bool broadcast))
        {
            Counters.SendNoRoute++;
            return Ipv4SendResult.NoRoute;
        }

        int length = Ipv4Header.MinimumLength + payloadLength;
        Span<byte> packet = ethernet.PayloadBuffer[..length];
        new Ipv4Header(Ipv4Header.MinimumLength, length, nextIdentification++, MoreFragments: false, DontFragment: true, FragmentOffset: 0,
            config.TimeToLive, protocol, config.Address, destination).Write(packet);
        Counters.Sent++;
        if (broadcast)
        {
            return ethernet.Send(MacAddress.Broadcast, EtherType.Ipv4, length) ? Ipv4SendResult.Sent : Ipv4SendResult.Dropped;
        }

        if (arp.TryResolve(nextHop, out MacAddress mac))
        {
            return ethernet.Send(mac, EtherType.Ipv4, length) ? Ipv4SendResult.Sent : Ipv4SendResult.Dropped;
        }

        return arp.Enqueue(nextHop, packet) ? Ipv4SendResult.AwaitingArp : Ipv4SendResult.Dropped;
    }

    /// <summary>Sends <paramref name="header"/> followed by <paramref name="payload"/> as one datagram (copies both into the frame).</summary>
    internal Ipv4SendResult Send(Ipv4Address destination, byte protocol, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        int length = header.Length + payload.Length;
        if (length > MaxPayload)
        {
            Counters.SendTooLarge++;
            return Ipv4SendResult.TooLarge;
        }

        Span<byte> area = BeginSend();
        header.CopyTo(area);
        payload.CopyTo(area[header.Length..]);
        return CommitSend(destination, protocol, length);
    }

    internal void OnTimer(long now)
    {
        foreach (IIpProtocolHandler handler in registered)
        {
            handler.OnTimer(now);
        }
    }

    internal long NextDeadlineNanoseconds
    {
        get
        {
            long next = long.MaxValue;
            foreach (IIpProtocolHandler handler in registered)
            {
                next = Math.Min(next, handler.NextDeadlineNanoseconds);
            }

            return next;
        }
    }

    private bool TryNextHop(Ipv4Address destination, out Ipv4Address nextHop, out bool broadcast)
    {
        broadcast = destination.IsBroadcast || destination == config.SubnetBroadcast;
        if (broadcast || config.OnLink(destination))
        {
            nextHop = destination;
            return !destination.IsAny && !destination.IsMulticast;
        }

        nextHop = config.Gateway ?? default;
        return config.Gateway is not null && !destination.IsAny && !destination.IsMulticast;
    }
}
