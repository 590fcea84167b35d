namespace DemiGen;

/// <summary>
/// A transport protocol over IPv4 (UDP, ICMP, and TCP when it is merged). The <see cref="Ipv4Layer"/> hands it each
/// valid, unfragmented datagram of its protocol addressed to this host, and runs its timers every poll round.
/// Everything is called on the libOS's thread; nothing may throw for bad input (count it and drop it instead).
/// </summary>
internal interface IIpProtocolHandler
{
    /// <summary>
    /// One datagram: <paramref name="payload"/> is the IP payload (header stripped, trimmed to the IP total length).
    /// The span is only valid during the call (it may point into a device ring): copy what you keep.
    /// </summary>
    void Receive(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload);

    /// <summary>Runs whatever is due at <paramref name="nowNanoseconds"/> (retransmissions, delayed ACKs, TIME_WAIT).</summary>
    void OnTimer(long nowNanoseconds);

    /// <summary>When <see cref="OnTimer"/> next has work, or <see cref="long.MaxValue"/>; a blocked wait wakes up by then.</summary>
    long NextDeadlineNanoseconds { get; }
}
