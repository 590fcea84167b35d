namespace DemiGen.Inet.Tcp;

/// <summary>The settings of a TCP engine; the defaults follow the RFCs and Linux where the RFCs leave a choice.</summary>
public sealed class TcpConfig
{
    /// <summary>The MSS this side announces and the largest payload it sends (before options), in bytes.</summary>
    public int Mss { get; set; } = 1460;

    /// <summary>Per-connection receive buffer: the largest window this side advertises.</summary>
    public int ReceiveBufferSize { get; set; } = 256 * 1024;

    /// <summary>Per-connection send buffer: the most unacknowledged plus unsent bytes a connection holds.</summary>
    public int SendBufferSize { get; set; } = 256 * 1024;

    /// <summary>Offer window scaling (RFC 7323 §2).</summary>
    public bool WindowScaling { get; set; } = true;

    /// <summary>Offer timestamps (RFC 7323 §3–5): RTT measurement and PAWS.</summary>
    public bool Timestamps { get; set; } = true;

    /// <summary>Offer selective acknowledgments (RFC 2018).</summary>
    public bool Sack { get; set; } = true;

    /// <summary>Congestion control; on (CUBIC) by default.</summary>
    public TcpCongestionControl CongestionControl { get; set; } = TcpCongestionControl.Cubic;

    /// <summary>Initial congestion window in segments (RFC 6928).</summary>
    public int InitialWindowSegments { get; set; } = 10;

    /// <summary>RTO before the first RTT sample (RFC 6298 §2.1).</summary>
    public TimeSpan InitialRto { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The lower bound of the RTO (Linux's 200 ms rather than RFC 6298's conservative 1 s).</summary>
    public TimeSpan MinRto { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The upper bound of the RTO (RFC 6298 §2.5).</summary>
    public TimeSpan MaxRto { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>SYN retransmissions before a connect fails with ETIMEDOUT.</summary>
    public int SynRetries { get; set; } = 6;

    /// <summary>SYN-ACK retransmissions before a half-open passive connection is dropped.</summary>
    public int SynAckRetries { get; set; } = 5;

    /// <summary>Consecutive retransmission timeouts before an established connection fails with ETIMEDOUT.</summary>
    public int MaxRetransmissions { get; set; } = 15;

    /// <summary>How long an ACK may be delayed (RFC 1122 §4.2.3.2; zero turns delayed ACKs off).</summary>
    public TimeSpan DelayedAckTimeout { get; set; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Maximum segment lifetime; TIME_WAIT lasts twice this.</summary>
    public TimeSpan Msl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long FIN_WAIT_2 waits for the peer's FIN before the connection is dropped.</summary>
    public TimeSpan FinWait2Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first port of the ephemeral range (IANA's 49152–65535 by default).</summary>
    public ushort EphemeralPortFirst { get; set; } = 49152;

    /// <summary>The last port of the ephemeral range.</summary>
    public ushort EphemeralPortLast { get; set; } = 65535;

    /// <summary>
    /// Chooses initial sequence numbers; null means RFC 6528 (a 4 µs clock plus a keyed hash of the connection).
    /// Tests set it to get fixed sequence numbers.
    /// </summary>
    public Func<uint>? InitialSequenceSource { get; set; }

    /// <summary>Add a random per-connection offset to timestamp values (RFC 7323 §5.4); tests turn it off.</summary>
    public bool RandomTimestampOffset { get; set; } = true;

    /// <summary>A copy, so a layer can adjust settings (the MSS to the MTU) without changing the caller's object.</summary>
    internal TcpConfig Copy() => (TcpConfig)MemberwiseClone();

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Mss, 64, nameof(Mss));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Mss, 65495, nameof(Mss));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveBufferSize, Mss, nameof(ReceiveBufferSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReceiveBufferSize, 1 << 30, nameof(ReceiveBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendBufferSize, Mss, nameof(SendBufferSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialWindowSegments, 1, nameof(InitialWindowSegments));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinRto, TimeSpan.FromMilliseconds(1), nameof(MinRto));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRto, MinRto, nameof(MaxRto));
        ArgumentOutOfRangeException.ThrowIfLessThan(Msl, TimeSpan.Zero, nameof(Msl));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(EphemeralPortFirst, EphemeralPortLast, nameof(EphemeralPortFirst));
        ArgumentOutOfRangeException.ThrowIfLessThan(EphemeralPortFirst, (ushort)1, nameof(EphemeralPortFirst));
    }
}
