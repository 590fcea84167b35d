namespace DemiGen.Inet.Tcp;

/// <summary>Which congestion control a connection runs.</summary>
public enum TcpCongestionControl
{
    /// <summary>No congestion window: only the peer's receive window limits sending.</summary>
    None,
    /// <summary>RFC 5681 slow start and congestion avoidance, RFC 6582 NewReno recovery.</summary>
    NewReno,
    /// <summary>RFC 9438 CUBIC window growth (with NewReno-style slow start and recovery).</summary>
    Cubic,
}
