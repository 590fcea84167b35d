namespace DemiGen;

/// <summary>What the ICMP layer received, answered and dropped; never reset.</summary>
internal sealed class IcmpCounters
{
    internal long Received;
    internal long EchoRequestsReceived;
    internal long EchoRepliesSent;
    internal long Ignored;
    internal long DroppedTruncated;
    internal long DroppedBadChecksum;

    internal long Dropped => DroppedTruncated + DroppedBadChecksum;
}
