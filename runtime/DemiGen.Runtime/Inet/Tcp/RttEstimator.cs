namespace DemiGen.Inet.Tcp;

/// <summary>The retransmission timeout of RFC 6298: SRTT and RTTVAR from samples, doubled on each timeout.</summary>
internal struct RttEstimator
{
    private readonly long minRto;
    private readonly long maxRto;
    private readonly long granularity;
    private long srtt;
    private long rttvar;

    public RttEstimator(long initialRto, long minRto, long maxRto, long granularity)
    {
        this.minRto = minRto;
        this.maxRto = maxRto;
        this.granularity = granularity;
        Rto = Math.Clamp(initialRto, minRto, maxRto);
    }

    /// <summary>The current retransmission timeout, in nanoseconds.</summary>
    public long Rto { get; private set; }

    /// <summary>The smoothed round-trip time, or 0 before the first sample.</summary>
    public readonly long SmoothedRtt => srtt;

    /// <summary>RFC 6298 §2.2–2.3: folds in a measured round-trip time.</summary>
    public void Sample(long rtt)
    {
        rtt = Math.Max(rtt, 1);
        if (srtt == 0)
        {
            srtt = rtt;
            rttvar = rtt / 2;
        }
        else
        {
            rttvar = ((3 * rttvar) + Math.Abs(srtt - rtt)) / 4;
            srtt = ((7 * srtt) + rtt) / 8;
        }

        Rto = Math.Clamp(srtt + Math.Max(granularity, 4 * rttvar), minRto, maxRto);
    }

    /// <summary>RFC 6298 §5.7: after a SYN timed out and no sample exists, data starts with an RTO of at least 3 s.</summary>
    public void AfterSynTimeout()
    {
        if (srtt == 0)
        {
            Rto = Math.Clamp(Math.Max(Rto, 3_000_000_000L), minRto, maxRto);
        }
    }

    /// <summary>RFC 6298 §5.5: back the timer off after a timeout.</summary>
    public void Backoff() => Rto = Math.Min(Rto * 2, maxRto);
}
