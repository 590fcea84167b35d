namespace DemiGen;

/// <summary>What a <see cref="SimulatedLink"/> did to the frames it carried, in both directions.</summary>
public sealed class SimulatedLinkCounters
{
    /// <summary>Frames handed to the link.</summary>
    public long Sent { get; internal set; }

    /// <summary>Frames handed to a receiver (duplicates included).</summary>
    public long Delivered { get; internal set; }

    /// <summary>Frames lost.</summary>
    public long Lost { get; internal set; }

    /// <summary>Extra copies delivered.</summary>
    public long Duplicated { get; internal set; }

    /// <summary>Frames held back so later ones overtake them.</summary>
    public long Reordered { get; internal set; }

    /// <summary>Frames with a flipped bit.</summary>
    public long Corrupted { get; internal set; }
}
