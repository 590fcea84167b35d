using System.Buffers.Binary;

namespace DemiGen.Tcp.Tests.Link;

/// <summary>A seeded xorshift64* byte stream: the sender writes it and the receiver regenerates it to compare.</summary>
internal sealed class PayloadGenerator(int seed)
{
    private ulong state = ((ulong)(uint)seed << 32) | 0x9E3779B9u;

    /// <summary>Fills <paramref name="destination"/> (a multiple of 8 bytes long) with the next bytes of the stream.</summary>
    public void Fill(Span<byte> destination)
    {
        for (int i = 0; i + 8 <= destination.Length; i += 8)
        {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            BinaryPrimitives.WriteUInt64LittleEndian(destination[i..], state * 0x2545F4914F6CDD1DUL);
        }
    }
}
