using System.Runtime.CompilerServices;

namespace DemiGen.Inet.Tcp;

/// <summary>One SACK block (RFC 2018): the bytes [<see cref="Left"/>, <see cref="Right"/>) arrived.</summary>
internal readonly record struct SackBlock(SeqNumber Left, SeqNumber Right);

/// <summary>Room for the at most four SACK blocks a TCP header can carry.</summary>
[InlineArray(TcpOptions.MaxSackBlocks)]
internal struct SackBlockArray
{
    private SackBlock first;
}

/// <summary>The TCP options DemiGen understands (kinds 2, 3, 4, 5, 8); others are skipped on parse.</summary>
internal struct TcpOptions
{
    /// <summary>A 40-byte option space holds at most four SACK blocks.</summary>
    public const int MaxSackBlocks = 4;

    /// <summary>RFC 7323 §2.3: a shift above 14 is treated as 14.</summary>
    public const int MaxWindowScale = 14;

    public bool HasMss;
    public ushort Mss;
    public bool HasWindowScale;
    public byte WindowScale;
    public bool SackPermitted;
    public bool HasTimestamps;
    public uint TsVal;
    public uint TsEcr;
    public int SackCount;
    public SackBlockArray Sack;

    public void AddSack(SeqNumber left, SeqNumber right)
    {
        if (SackCount < MaxSackBlocks)
        {
            Sack[SackCount++] = new SackBlock(left, right);
        }
    }

    /// <summary>The bytes these options take on the wire, padded to a multiple of four.</summary>
    public readonly int EncodedLength(bool syn)
    {
        int n = 0;
        if (HasMss)
        {
            n += 4;
        }

        if ((syn && SackPermitted) || HasTimestamps)
        {
            // SACK-permitted rides in the two pad bytes before the timestamps, or alone behind two NOPs.
            n += HasTimestamps ? 12 : 4;
        }

        if (syn && HasWindowScale)
        {
            n += 4;
        }

        if (!syn && SackCount > 0)
        {
            n += 4 + (8 * SackCount);
        }

        return n;
    }
}
