namespace DemiGen;

/// <summary>
/// Ethernet II framing: checks and strips the header of received frames and dispatches them by EtherType; builds
/// outgoing frames in one transmit buffer whose payload area the upper layers fill in place.
/// </summary>
internal sealed class EthernetLayer
{
    private readonly IFrameDevice device;
    private readonly byte[] transmitBuffer;

    internal EthernetLayer(IFrameDevice device, MacAddress localMac)
    {
        this.device = device;
        LocalMac = localMac;
        transmitBuffer = new byte[Math.Max(device.MaxFrameBytes, EthernetHeader.MinimumFrame)];
    }

    internal EthernetCounters Counters { get; } = new();

    internal MacAddress LocalMac { get; }

    /// <summary>The largest payload (an IP packet, an ARP message) one frame carries.</summary>
    internal int MaxPayload => transmitBuffer.Length - EthernetHeader.Length;

    internal ArpLayer? Arp { get; set; }

    internal Ipv4Layer? Ipv4 { get; set; }

    internal void Receive(ReadOnlySpan<byte> frame)
    {
        Counters.Received++;
        if (!EthernetHeader.TryParse(frame, out EthernetHeader header))
        {
            Counters.DroppedTruncated++;
            return;
        }

        if (header.Source == LocalMac)
        {
            // A raw socket can see the frames it sent itself.
            Counters.DroppedOwnFrame++;
            return;
        }

        if (header.Destination != LocalMac && !header.Destination.IsBroadcast)
        {
            Counters.DroppedNotForUs++;
            return;
        }

        ReadOnlySpan<byte> payload = frame[EthernetHeader.Length..];
        switch (header.EtherType)
        {
            case EtherType.Arp when Arp is not null:
                Arp.Receive(payload);
                break;
            case EtherType.Ipv4 when Ipv4 is not null:
                Ipv4.Receive(payload);
                break;
            default:
                Counters.DroppedUnknownEtherType++;
                break;
        }
    }

    /// <summary>The payload area of the transmit buffer; fill it, then call <see cref="Send"/>. Valid until the next send.</summary>
    internal Span<byte> PayloadBuffer => transmitBuffer.AsSpan(EthernetHeader.Length);

    /// <summary>Frames the first <paramref name="payloadLength"/> bytes of <see cref="PayloadBuffer"/> and transmits them.</summary>
    internal bool Send(MacAddress destination, ushort etherType, int payloadLength)
    {
        new EthernetHeader(destination, LocalMac, etherType).Write(transmitBuffer);
        int length = EthernetHeader.Length + payloadLength;
        if (length < EthernetHeader.MinimumFrame)
        {
            transmitBuffer.AsSpan(length, EthernetHeader.MinimumFrame - length).Clear();
            length = EthernetHeader.MinimumFrame;
        }

        if (!device.Transmit(transmitBuffer.AsSpan(0, length)))
        {
            Counters.DroppedTransmitFailed++;
            return false;
        }

        Counters.Sent++;
        return true;
    }
}
