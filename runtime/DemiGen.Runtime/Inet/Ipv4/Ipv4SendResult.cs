namespace DemiGen;

/// <summary>What became of a datagram handed to <see cref="Ipv4Layer.CommitSend"/>.</summary>
internal enum Ipv4SendResult
{
    /// <summary>Framed and given to the device.</summary>
    Sent,

    /// <summary>Copied into the ARP queue; it goes out when the next hop answers (or is dropped and counted if it never does).</summary>
    AwaitingArp,

    /// <summary>The destination is off-link and no gateway is set.</summary>
    NoRoute,

    /// <summary>The payload does not fit one frame (the stack does not fragment).</summary>
    TooLarge,

    /// <summary>The device refused the frame, or the ARP queue for the next hop is full.</summary>
    Dropped,
}
