namespace DemiGen.Inet.Tcp;

/// <summary>Counters of a TCP engine: what it received, sent, retransmitted and dropped, and why.</summary>
internal sealed class TcpStats
{
    public long SegmentsReceived;
    public long SegmentsSent;
    public long Retransmissions;
    public long FastRetransmits;
    public long RetransmitTimeouts;
    public long ZeroWindowProbes;
    public long DroppedMalformed;
    public long DroppedBadChecksum;
    public long DroppedNoConnection;
    public long DroppedBacklogFull;
    public long DroppedPaws;
    public long DroppedOutOfWindow;
    public long DroppedNoReassemblySpace;
    public long OutOfOrderSegments;
    public long ResetsSent;
    public long ResetsReceived;
    public long ChallengeAcks;
}
