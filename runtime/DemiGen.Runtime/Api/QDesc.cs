namespace DemiGen;

/// <summary>Names a queue (socket, in-memory queue) of one <see cref="LibOS"/>.</summary>
/// <remarks>The low 24 bits index the libOS's queue table; the high bits are a generation, so a closed descriptor is detected.</remarks>
/// <param name="Value">The raw descriptor value.</param>
public readonly record struct QDesc(int Value)
{
    /// <summary>The descriptor that names no queue.</summary>
    public static QDesc None => default;

    /// <inheritdoc />
    public override string ToString() => $"qd:{Value & 0xFFFFFF}.{(uint)Value >> 24}";
}
