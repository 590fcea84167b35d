namespace DemiGen;

/// <summary>The resolved settings of one Catnip stack (from <see cref="LibOSOptions"/>), in the stack's own types.</summary>
internal sealed record InetConfig(MacAddress Mac, Ipv4Address Address, Ipv4Address Netmask, Ipv4Address? Gateway)
{
    internal byte TimeToLive { get; init; } = 64;

    internal long ArpEntryLifetimeNanoseconds { get; init; } = 300_000_000_000;

    internal long ArpRetryIntervalNanoseconds { get; init; } = 1_000_000_000;

    internal int ArpMaxRequests { get; init; } = 3;

    /// <summary>How many packets may wait for one address to resolve; more are dropped and counted.</summary>
    internal int ArpQueueLimit { get; init; } = 16;

    internal bool AnnounceOnStart { get; init; } = true;

    internal IReadOnlyList<(Ipv4Address Address, MacAddress Mac)> StaticArp { get; init; } = [];

    /// <summary>Datagrams a UDP socket holds for the app before it drops (and counts) new ones.</summary>
    internal int UdpReceiveQueueLimit { get; init; } = 1024;

    internal Ipv4Address SubnetBroadcast => new(Address.Value | ~Netmask.Value);

    internal bool OnLink(Ipv4Address other) => ((other.Value ^ Address.Value) & Netmask.Value) == 0;
}
