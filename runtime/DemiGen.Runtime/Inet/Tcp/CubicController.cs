namespace DemiGen.Inet.Tcp;

/// <summary>
/// RFC 9438 CUBIC: after a loss the window follows W(t) = C·(t − K)³ + W_max, never below the Reno-friendly
/// estimate, with multiplicative decrease β = 0.7 and fast convergence.
/// </summary>
internal sealed class CubicController(int mss, int initialWindowSegments) : CongestionController(mss, initialWindowSegments)
{
    private const double C = 0.4;
    private const double Beta = 0.7;

    private double wMax;          // segments
    private double wLastMax;      // segments
    private double k;             // seconds
    private long epochStartNs = -1;
    private double wEst;          // segments, the Reno-friendly estimate

    protected override void GrowInAvoidance(long bytesAcked, long nowNs, long srttNs)
    {
        double cwndSegments = (double)Cwnd / Mss;
        if (epochStartNs < 0)
        {
            // First avoidance after slow start with no loss yet: start the curve at the current window.
            epochStartNs = nowNs;
            wMax = Math.Max(wMax, cwndSegments);
            k = Math.Cbrt(Math.Max(wMax - cwndSegments, 0) / C);
            wEst = cwndSegments;
        }

        double rtt = Math.Max(srttNs, 1_000_000) / 1e9;
        double t = ((nowNs - epochStartNs) / 1e9) + rtt;
        double target = (C * Math.Pow(t - k, 3)) + wMax;

        // RFC 9438 §4.3: the Reno-friendly window grows by α per window acknowledged.
        double alpha = 3 * (1 - Beta) / (1 + Beta);
        wEst += alpha * bytesAcked / Cwnd;
        target = Math.Max(target, wEst);
        target = Math.Min(target, cwndSegments * 1.5);

        if (target > cwndSegments)
        {
            double increment = (target - cwndSegments) / cwndSegments * bytesAcked;
            Cwnd += Math.Max((long)increment, 1);
        }
    }

    public override void OnLossDetected(long flight, long nowNs)
    {
        double cwndSegments = (double)Math.Max(Cwnd, flight) / Mss;
        if (cwndSegments < wLastMax)
        {
            // RFC 9438 §4.7 fast convergence: release bandwidth to newer flows.
            wMax = cwndSegments * (1 + Beta) / 2;
        }
        else
        {
            wMax = cwndSegments;
        }

        wLastMax = cwndSegments;
        Ssthresh = Math.Max((long)(flight * Beta), 2L * Mss);
        Cwnd = Ssthresh;
        k = Math.Cbrt(wMax * (1 - Beta) / C);
        epochStartNs = nowNs;
        wEst = (double)Cwnd / Mss;
    }
}
