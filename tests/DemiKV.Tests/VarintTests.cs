using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>Varints written forward and reversed read back at every byte-count boundary.</summary>
public sealed class VarintTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(127, 1)]
    [InlineData(128, 2)]
    [InlineData(16_383, 2)]
    [InlineData(16_384, 3)]
    [InlineData((1 << 21) - 1, 3)]
    [InlineData(1 << 21, 4)]
    [InlineData((1 << 28) - 1, 4)]
    [InlineData(1 << 28, 5)]
    [InlineData(int.MaxValue, 5)]
    public void RoundTripsForwardAndBackward(int value, int bytes)
    {
        Assert.Equal(bytes, Varint.Length(value));
        byte[] buffer = new byte[2 + bytes];
        Assert.Equal(1 + bytes, Varint.Write(buffer, 1, value));
        Assert.Equal(1 + bytes, Varint.Read(buffer, 1, out int forward));
        Assert.Equal(value, forward);

        Array.Clear(buffer);
        Assert.Equal(1 + bytes, Varint.WriteReversed(buffer, 1, value));
        Assert.Equal(1, Varint.ReadBackward(buffer, 1 + bytes, out int backward));
        Assert.Equal(value, backward);

        // Reversed, the byte read first (the last) carries the low bits and, if more follow, the continuation bit;
        // the byte read last (the first) ends the walk.
        Assert.True(buffer[1] < 0x80);
        Assert.Equal(bytes > 1, buffer[bytes] >= 0x80);
        Assert.Equal(0, buffer[0]);
        Assert.Equal(0, buffer[^1]);
    }
}
