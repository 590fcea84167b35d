using System.Net;

namespace DemiGen;

/// <summary>Settings of a Catnip libOS: its device and its IPv4 identity on the link.</summary>
public sealed class CatnipOptions
{
    /// <summary>Which device carries the frames.</summary>
    public CatnipDeviceKind Device { get; init; } = CatnipDeviceKind.AfPacket;

    /// <summary>The interface for <see cref="CatnipDeviceKind.AfPacket"/> (an existing one, e.g. a veth end) or <see cref="CatnipDeviceKind.Tap"/> (created).</summary>
    public string? InterfaceName { get; init; }

    /// <summary>The receive ring of an <see cref="CatnipDeviceKind.AfPacket"/> device: TPACKET_V3 blocks (default) or TPACKET_V2 slots.</summary>
    public PacketRingVersion PacketRing { get; init; } = PacketRingVersion.TpacketV3;

    /// <summary>A network namespace (a name under /var/run/netns) to open the device in; null: the caller's own.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>The link end for <see cref="CatnipDeviceKind.Simulated"/>.</summary>
    public SimulatedLinkEndpoint? SimulatedLink { get; init; }

    /// <summary>The stack's MAC address; null: the interface's own (AF_PACKET) or a locally administered one derived from the IPv4 address.</summary>
    public MacAddress? Mac { get; init; }

    /// <summary>The stack's IPv4 address (required).</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The netmask of the link's subnet.</summary>
    public IPAddress Netmask { get; init; } = IPAddress.Parse("255.255.255.0");

    /// <summary>The router for destinations off the subnet; null: off-subnet sends fail with ENETUNREACH.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>ARP entries that never expire and are never replaced by what the link says.</summary>
    public IReadOnlyDictionary<IPAddress, MacAddress> StaticArpEntries { get; init; } = new Dictionary<IPAddress, MacAddress>();

    /// <summary>How long a learned ARP entry is used before it must be resolved again.</summary>
    public TimeSpan ArpEntryLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait between ARP requests for an address that has not answered.</summary>
    public TimeSpan ArpRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many ARP requests are sent before the packets waiting for an address are dropped.</summary>
    public int ArpMaxRequests { get; init; } = 3;

    /// <summary>Whether the stack broadcasts a gratuitous ARP for its address when it starts.</summary>
    public bool AnnounceOnStart { get; init; } = true;

    /// <summary>The TTL of sent datagrams.</summary>
    public byte TimeToLive { get; init; } = 64;

    /// <summary>Datagrams a UDP socket holds for the app before new ones are dropped and counted.</summary>
    public int UdpReceiveQueueLimit { get; init; } = 1024;

    /// <summary>TCP settings (buffers, congestion control, timers); null for the defaults. The MSS is capped to fit the MTU.</summary>
    public DemiGen.Inet.Tcp.TcpConfig? Tcp { get; init; }
}

/// <summary>The Catnip part of the libOS settings.</summary>
public sealed partial class LibOSOptions
{
    /// <summary>Settings of <see cref="LibOSKind.Catnip"/>: device, MAC, IPv4 address, netmask, gateway, static ARP entries.</summary>
    public CatnipOptions? Catnip { get; init; }
}
