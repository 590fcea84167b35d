namespace DemiGen.Inet.Tcp;

/// <summary>
/// The congestion window and slow-start threshold of one connection. Subclasses decide how the window grows in
/// congestion avoidance and how far it drops on a loss; the connection runs loss recovery itself.
/// </summary>
internal abstract class CongestionController
{
    protected CongestionController(int mss, int initialWindowSegments)
    {
        Mss = mss;
        Cwnd = (long)initialWindowSegments * mss;
        Ssthresh = long.MaxValue / 4;
    }

    public int Mss { get; }

    /// <summary>The congestion window in bytes.</summary>
    public long Cwnd { get; protected set; }

    public long Ssthresh { get; protected set; }

    public static CongestionController Create(TcpCongestionControl kind, int mss, int initialWindowSegments) => kind switch
    {
        TcpCongestionControl.NewReno => new NewRenoController(mss, initialWindowSegments),
        TcpCongestionControl.Cubic => new CubicController(mss, initialWindowSegments),
        _ => new UnlimitedController(mss),
    };

    /// <summary>New data was acknowledged outside loss recovery.</summary>
    public void OnAck(long bytesAcked, long flightBefore, long nowNs, long srttNs)
    {
        if (Cwnd < Ssthresh)
        {
            // RFC 5681 §3.1 slow start with appropriate byte counting (RFC 3465, L = 2).
            Cwnd += Math.Min(bytesAcked, 2L * Mss);
            return;
        }

        // Only grow when the window was actually in use (RFC 7661's idea, simplified): no growth while app-limited.
        if (flightBefore + Mss >= Cwnd)
        {
            GrowInAvoidance(bytesAcked, nowNs, srttNs);
        }
    }

    protected abstract void GrowInAvoidance(long bytesAcked, long nowNs, long srttNs);

    /// <summary>A loss was detected by duplicate ACKs: sets ssthresh and the window to use during recovery.</summary>
    public abstract void OnLossDetected(long flight, long nowNs);

    /// <summary>A retransmission timeout: RFC 5681 §3.1 equation 4, then restart from one segment.</summary>
    public virtual void OnRetransmitTimeout(long flight, long nowNs)
    {
        OnLossDetected(flight, nowNs);
        Cwnd = Mss;
    }

    /// <summary>Recovery ended with a full ACK: RFC 6582 §3.2 step 3, deflate to ssthresh (bounded by what is in flight).</summary>
    public void OnRecoveryEnd(long flight) => Cwnd = Math.Min(Ssthresh, Math.Max(flight, Mss) + Mss);
}

/// <summary>Flow control only: the window never limits.</summary>
internal sealed class UnlimitedController : CongestionController
{
    private const long Unlimited = 1L << 40;

    public UnlimitedController(int mss)
        : base(mss, 1) => Cwnd = Unlimited;

    protected override void GrowInAvoidance(long bytesAcked, long nowNs, long srttNs) => Cwnd = Unlimited;

    public override void OnLossDetected(long flight, long nowNs) => Cwnd = Unlimited;

    public override void OnRetransmitTimeout(long flight, long nowNs) => Cwnd = Unlimited;
}
