using DemiGen.Inet.Tcp;

namespace DemiGen;

/// <summary>Turns the app's <see cref="TcpConfig"/> into the engine's: a copy (options may be shared by several libOSes) with the MSS capped to the device.</summary>
internal static class CatnipTcpConfiguration
{
    private const int TcpHeaderBytes = 20;

    internal static TcpConfig Resolve(TcpConfig requested, int ipv4MaxPayload) => new()
    {
        Mss = Math.Min(requested.Mss, ipv4MaxPayload - TcpHeaderBytes),
        ReceiveBufferSize = requested.ReceiveBufferSize,
        SendBufferSize = requested.SendBufferSize,
        WindowScaling = requested.WindowScaling,
        Timestamps = requested.Timestamps,
        Sack = requested.Sack,
        CongestionControl = requested.CongestionControl,
        InitialWindowSegments = requested.InitialWindowSegments,
        InitialRto = requested.InitialRto,
        MinRto = requested.MinRto,
        MaxRto = requested.MaxRto,
        SynRetries = requested.SynRetries,
        SynAckRetries = requested.SynAckRetries,
        MaxRetransmissions = requested.MaxRetransmissions,
        DelayedAckTimeout = requested.DelayedAckTimeout,
        Msl = requested.Msl,
        FinWait2Timeout = requested.FinWait2Timeout,
        EphemeralPortFirst = requested.EphemeralPortFirst,
        EphemeralPortLast = requested.EphemeralPortLast,
        InitialSequenceSource = requested.InitialSequenceSource,
        RandomTimestampOffset = requested.RandomTimestampOffset,
    };

    /// <summary>The engine's counters in one line, for failure messages.</summary>
    internal static string Describe(TcpStats s) =>
        $"tcp: rx {s.SegmentsReceived} tx {s.SegmentsSent} retx {s.Retransmissions} (fast {s.FastRetransmits}, rto {s.RetransmitTimeouts}) " +
        $"zwp {s.ZeroWindowProbes} ooo {s.OutOfOrderSegments} rst tx/rx {s.ResetsSent}/{s.ResetsReceived} drops: malformed {s.DroppedMalformed} " +
        $"checksum {s.DroppedBadChecksum} no-conn {s.DroppedNoConnection} backlog {s.DroppedBacklogFull} paws {s.DroppedPaws} " +
        $"window {s.DroppedOutOfWindow} reassembly {s.DroppedNoReassemblySpace}";
}
