namespace DemiGen;

/// <summary>What the UDP layer received, delivered, sent and dropped; never reset.</summary>
internal sealed class UdpCounters
{
    internal long Received;
    internal long Delivered;
    internal long Sent;
    internal long DroppedTruncated;
    internal long DroppedBadLength;
    internal long DroppedBadChecksum;
    internal long DroppedNoSocket;
    internal long DroppedQueueFull;
    internal long DroppedNotConnectedPeer;

    internal long Dropped => DroppedTruncated + DroppedBadLength + DroppedBadChecksum + DroppedNoSocket + DroppedQueueFull + DroppedNotConnectedPeer;
}
