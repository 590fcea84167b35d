namespace DemiGen;

/// <summary>Checks <see cref="CatnipOptions"/> and turns them into the stack's <see cref="InetConfig"/>.</summary>
internal static class CatnipConfiguration
{
    internal static InetConfig Resolve(CatnipOptions options, IFrameDevice device)
    {
        if (options.Address is null)
        {
            throw new DemiException(DemiError.EINVAL, "Catnip: set LibOSOptions.Catnip.Address to the stack's IPv4 address.");
        }

        Ipv4Address address = Ipv4Address.From(options.Address);
        Ipv4Address netmask = Ipv4Address.From(options.Netmask);
        if (!IsContiguous(netmask.Value))
        {
            throw new DemiException(DemiError.EINVAL, $"Catnip: netmask {options.Netmask} is not a contiguous prefix.");
        }

        if (address.IsAny || address.IsBroadcast || address.IsMulticast)
        {
            throw new DemiException(DemiError.EINVAL, $"Catnip: {options.Address} cannot be a host's address.");
        }

        Ipv4Address? gateway = options.Gateway is null ? null : Ipv4Address.From(options.Gateway);
        MacAddress mac = options.Mac ?? device.HardwareAddress ?? LocallyAdministered(address);
        if (mac.IsMulticast)
        {
            throw new DemiException(DemiError.EINVAL, $"Catnip: MAC {mac} is a group address; a station needs a unicast one.");
        }

        if (options.ArpMaxRequests < 1 || options.ArpRetryInterval <= TimeSpan.Zero || options.ArpEntryLifetime <= TimeSpan.Zero || options.UdpReceiveQueueLimit < 1)
        {
            throw new DemiException(DemiError.EINVAL, "Catnip: ArpMaxRequests and UdpReceiveQueueLimit must be at least 1, and the ARP times positive.");
        }

        return new InetConfig(mac, address, netmask, gateway)
        {
            TimeToLive = options.TimeToLive,
            ArpEntryLifetimeNanoseconds = options.ArpEntryLifetime.Ticks * 100,
            ArpRetryIntervalNanoseconds = options.ArpRetryInterval.Ticks * 100,
            ArpMaxRequests = options.ArpMaxRequests,
            AnnounceOnStart = options.AnnounceOnStart,
            UdpReceiveQueueLimit = options.UdpReceiveQueueLimit,
            StaticArp = options.StaticArpEntries.Select(e => (Ipv4Address.From(e.Key), e.Value)).ToArray(),
        };
    }

    /// <summary>02:00 (locally administered, unicast) followed by the four address octets.</summary>
    private static MacAddress LocallyAdministered(Ipv4Address address)
    {
        Span<byte> bytes = [0x02, 0x00, 0, 0, 0, 0];
        address.Write(bytes[2..]);
        return MacAddress.Read(bytes);
    }

    private static bool IsContiguous(uint mask) => (~mask & (~mask + 1)) == 0;
}
