namespace DemiGen;

/// <summary>What a <see cref="SimulatedLink"/> does to frames: each fault is drawn per frame from the link's seeded generator.</summary>
public sealed record SimulatedLinkFaults
{
    /// <summary>A link that delivers every frame intact, in order, at once.</summary>
    public static SimulatedLinkFaults None { get; } = new();

    /// <summary>Probability (0..1) that a frame is lost.</summary>
    public double LossRate { get; init; }

    /// <summary>Probability (0..1) that a frame is delivered twice.</summary>
    public double DuplicationRate { get; init; }

    /// <summary>Probability (0..1) that a frame is held back by <see cref="ReorderDelay"/>, so later frames overtake it.</summary>
    public double ReorderRate { get; init; }

    /// <summary>Probability (0..1) that one random bit of a frame is flipped.</summary>
    public double CorruptionRate { get; init; }

    /// <summary>One-way delay of every frame.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How long a reordered frame is held back beyond <see cref="Delay"/>.</summary>
    public TimeSpan ReorderDelay { get; init; } = TimeSpan.FromMilliseconds(1);
}
