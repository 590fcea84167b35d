namespace DemiGen;

/// <summary>Names one outstanding asynchronous operation; it completes as a <see cref="QResult"/>.</summary>
/// <remarks>The low 32 bits index the libOS's token table, the high 32 bits are a generation, so a consumed token is detected.</remarks>
/// <param name="Value">The raw token value.</param>
public readonly record struct QToken(ulong Value)
{
    /// <summary>The token that names no operation.</summary>
    public static QToken None => default;

    internal int Index => (int)(uint)Value;

    internal uint Generation => (uint)(Value >> 32);

    internal static QToken From(int index, uint generation) => new(((ulong)generation << 32) | (uint)index);

    /// <inheritdoc />
    public override string ToString() => $"qt:{Index}.{Generation}";
}
