namespace DemiGen;

/// <summary>What the Ethernet layer received, sent and dropped (by reason); never reset.</summary>
internal sealed class EthernetCounters
{
    internal long Received;
    internal long Sent;
    internal long DroppedTruncated;
    internal long DroppedNotForUs;
    internal long DroppedOwnFrame;
    internal long DroppedUnknownEtherType;
    internal long DroppedTransmitFailed;

    internal long Dropped => DroppedTruncated + DroppedNotForUs + DroppedOwnFrame + DroppedUnknownEtherType;
}
