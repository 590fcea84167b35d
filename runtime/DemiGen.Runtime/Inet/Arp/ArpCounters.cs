namespace DemiGen;

/// <summary>What the ARP layer received, sent, resolved and dropped; never reset.</summary>
internal sealed class ArpCounters
{
    internal long Received;
    internal long RequestsSent;
    internal long RepliesSent;
    internal long AnnouncementsSent;
    internal long Resolved;
    internal long ResolutionFailures;
    internal long AddressConflicts;
    internal long DroppedTruncated;
    internal long DroppedUnsupported;

    /// <summary>Packets dropped because their next hop never answered or too many waited for it.</summary>
    internal long PacketsDroppedUnresolved;

    internal long Dropped => DroppedTruncated + DroppedUnsupported;
}
