namespace DemiGen;

/// <summary>A frame in flight on a <see cref="SimulatedLink"/>: the first <see cref="Length"/> bytes of a pooled buffer.</summary>
internal readonly record struct SimulatedFrame(byte[] Buffer, int Length)
{
    internal ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);
}
