namespace DemiGen;

/// <summary>What the IPv4 layer received, sent and dropped (by reason); never reset.</summary>
internal sealed class Ipv4Counters
{
    internal long Received;
    internal long Delivered;
    internal long Sent;
    internal long DroppedTruncated;
    internal long DroppedBadVersion;
    internal long DroppedBadLength;
    internal long DroppedBadChecksum;
    internal long DroppedFragment;
    internal long DroppedNotForUs;
    internal long DroppedBadSource;
    internal long DroppedUnknownProtocol;
    internal long SendNoRoute;
    internal long SendTooLarge;

    internal long Dropped => DroppedTruncated + DroppedBadVersion + DroppedBadLength + DroppedBadChecksum + DroppedFragment
        + DroppedNotForUs + DroppedBadSource + DroppedUnknownProtocol;
}
