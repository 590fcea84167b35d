namespace DemiGen;

/// <summary>The raw-frame device a Catnip libOS runs its network stack on.</summary>
public enum CatnipDeviceKind
{
    /// <summary>An AF_PACKET socket with a PACKET_MMAP (TPACKET_V3) receive ring, bound to an interface such as a veth end.</summary>
    AfPacket,

    /// <summary>A TAP interface created through /dev/net/tun; the kernel sees it as the other end of a cable.</summary>
    Tap,

    /// <summary>One end of an in-process <see cref="DemiGen.SimulatedLink"/>, for deterministic tests.</summary>
    Simulated,
}
