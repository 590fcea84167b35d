namespace DemiGen.Inet.Tcp;

/// <summary>RFC 5681 congestion avoidance: one segment per round trip, halve on loss.</summary>
internal sealed class NewRenoController(int mss, int initialWindowSegments) : CongestionController(mss, initialWindowSegments)
{
    private long bytesAckedInAvoidance;

    protected override void GrowInAvoidance(long bytesAcked, long nowNs, long srttNs)
    {
        // RFC 5681 §3.1 byte counting: add one MSS once a full window has been acknowledged.
        bytesAckedInAvoidance += bytesAcked;
        if (bytesAckedInAvoidance >= Cwnd)
        {
            bytesAckedInAvoidance -= Cwnd;
            Cwnd += Mss;
        }
    }

    public override void OnLossDetected(long flight, long nowNs)
    {
        Ssthresh = Math.Max(flight / 2, 2L * Mss);
        Cwnd = Ssthresh;
        bytesAckedInAvoidance = 0;
    }
}
