namespace DemiGen;

/// <summary>
/// UDP (RFC 768): the port table of this stack's sockets, ephemeral ports for unbound senders, checksum checks on
/// receive and delivery of each datagram to its socket.
/// </summary>
internal sealed class UdpLayer : IIpProtocolHandler
{
    internal const int FirstEphemeralPort = 49152;
    internal const int LastEphemeralPort = 65535;

    private readonly Dictionary<ushort, UdpSocket> ports = [];
    private int nextEphemeral;

    internal UdpLayer(LibOS os, Ipv4Layer ipv4, InetConfig config)
    {
        OS = os;
        Ipv4 = ipv4;
        Config = config;
        nextEphemeral = FirstEphemeralPort + (int)(config.Address.Value % (LastEphemeralPort - FirstEphemeralPort + 1));
    }

    internal LibOS OS { get; }

    internal Ipv4Layer Ipv4 { get; }

    internal InetConfig Config { get; }

    internal UdpCounters Counters { get; } = new();

    public long NextDeadlineNanoseconds => long.MaxValue;

    public void OnTimer(long nowNanoseconds)
    {
    }

    /// <summary>Takes <paramref name="port"/> (0: a free ephemeral port) for <paramref name="socket"/>.</summary>
    internal ushort Bind(UdpSocket socket, ushort port)
    {
        if (port == 0)
        {
            port = TakeEphemeralPort();
        }
        else if (ports.ContainsKey(port))
        {
            throw new DemiException(DemiError.EADDRINUSE, $"Bind: UDP port {port} is already in use on {Config.Address}.");
        }

        ports.Add(port, socket);
        return port;
    }

    internal void Unbind(ushort port) => ports.Remove(port);

    public void Receive(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        Counters.Received++;
        switch (UdpHeader.TryParse(payload, out UdpHeader header))
        {
            case UdpParseResult.Truncated:
                Counters.DroppedTruncated++;
                return;
            case UdpParseResult.BadLength:
                Counters.DroppedBadLength++;
                return;
        }

        ReadOnlySpan<byte> datagram = payload[..header.Length];
        if (!header.ChecksumHolds(source, destination, datagram))
        {
            Counters.DroppedBadChecksum++;
            return;
        }

        if (!ports.TryGetValue(header.DestinationPort, out UdpSocket? socket))
        {
            Counters.DroppedNoSocket++;
            return;
        }

        socket.Deliver(source, header.SourcePort, datagram[UdpHeader.Size..]);
    }

    private ushort TakeEphemeralPort()
    {
        const int range = LastEphemeralPort - FirstEphemeralPort + 1;
        for (int tries = 0; tries < range; tries++)
        {
            ushort candidate = (ushort)nextEphemeral;
            nextEphemeral = nextEphemeral == LastEphemeralPort ? FirstEphemeralPort : nextEphemeral + 1;
            if (!ports.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        throw new DemiException(DemiError.EADDRINUSE, $"Bind: every ephemeral UDP port ({FirstEphemeralPort}-{LastEphemeralPort}) is in use.");
    }
}
