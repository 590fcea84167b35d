using DemiGen.Inet.Tcp;
using Xunit;

namespace DemiGen.Tcp.Tests;

/// <summary>Header parse and build against segments captured from Linux (127.0.0.1 → 127.0.0.1).</summary>
public class HeaderTests
{
    private const uint Loopback = 0x7F000001;

    // Linux SYN: 43476 → 50281, seq 0x8e8067f0, win 65495, <mss 65495, sackOK, TS val 0x6ea676d9 ecr 0, nop, wscale 10>.
    private static readonly byte[] LinuxSyn = Convert.FromHexString(
        "a9d4c4698e8067f000000000a002ffd7" + "05d000000204ffd70402080a6ea676d9" + "000000000103030a");

    // Linux data segment: ACK|PSH, 11 bytes "hello, tcp!", <nop, nop, TS val 0x6ea676dd ecr 0x442a1943>.
    private static readonly byte[] LinuxData = Convert.FromHexString(
        "a9d4c4698e8067f1327310ff80180040a4710000" + "0101080a6ea676dd442a1943" + "68656c6c6f2c2074637021");

    [Fact]
    public void ParsesLinuxSyn()
    {
        Assert.Equal(TcpParseError.None, TcpHeader.TryParse(LinuxSyn, out TcpHeader h));
        Assert.Equal(43476, h.SourcePort);
        Assert.Equal(50281, h.DestinationPort);
        Assert.Equal(0x8e8067f0u, h.Seq.Value);
        Assert.Equal(TcpFlags.Syn, h.Flags);
        Assert.Equal(65495, h.Window);
        Assert.Equal(40, h.HeaderLength);
        Assert.True(h.Options.HasMss);
        Assert.Equal(65495, h.Options.Mss);
        Assert.True(h.Options.SackPermitted);
        Assert.True(h.Options.HasTimestamps);
        Assert.Equal(0x6ea676d9u, h.Options.TsVal);
        Assert.Equal(0u, h.Options.TsEcr);
        Assert.True(h.Options.HasWindowScale);
        Assert.Equal(10, h.Options.WindowScale);
    }

    [Fact]
    public void BuildsLinuxSynByteForByte()
    {
        var h = new TcpHeader
        {
            SourcePort = 43476,
            DestinationPort = 50281,
            Seq = new SeqNumber(0x8e8067f0),
            Flags = TcpFlags.Syn,
            Window = 65495,
        };
        h.Options.HasMss = true;
        h.Options.Mss = 65495;
        h.Options.SackPermitted = true;
        h.Options.HasTimestamps = true;
        h.Options.TsVal = 0x6ea676d9;
        h.Options.HasWindowScale = true;
        h.Options.WindowScale = 10;

        byte[] built = new byte[60];
        int length = h.Write(built);
        TcpChecksum.Fill(Loopback, Loopback, built.AsSpan(0, length));
        Assert.Equal(LinuxSyn, built[..length]);
    }

    [Fact]
    public void ParsesAndRebuildsLinuxDataSegment()
    {
        Assert.Equal(TcpParseError.None, TcpHeader.TryParse(LinuxData, out TcpHeader h));
        Assert.Equal(TcpFlags.Ack | TcpFlags.Psh, h.Flags);
        Assert.Equal(0x327310ffu, h.Ack.Value);
        Assert.Equal(64, h.Window);
        Assert.Equal(32, h.HeaderLength);
        Assert.Equal("hello, tcp!", System.Text.Encoding.ASCII.GetString(LinuxData.AsSpan(h.HeaderLength)));
        Assert.False(h.Options.HasMss);
        Assert.Equal(0x442a1943u, h.Options.TsEcr);

        byte[] built = new byte[LinuxData.Length];
        int length = h.Write(built);
        LinuxData.AsSpan(h.HeaderLength).CopyTo(built.AsSpan(length));
        TcpChecksum.Fill(Loopback, Loopback, built);
        Assert.Equal(LinuxData, built);
    }

    [Fact]
    public void ChecksumsOfCapturedSegmentsVerify()
    {
        Assert.True(TcpChecksum.IsValid(Loopback, Loopback, LinuxSyn));
        Assert.True(TcpChecksum.IsValid(Loopback, Loopback, LinuxData));
        byte[] corrupted = (byte[])LinuxData.Clone();
        corrupted[^1] ^= 0x01;
        Assert.False(TcpChecksum.IsValid(Loopback, Loopback, corrupted));
        Assert.False(TcpChecksum.IsValid(Loopback, Loopback + 1, LinuxData));
    }

    [Fact]
    public void ChecksumHandlesOddLength()
    {
        // RFC 1071: an odd trailing byte is padded with zero on the right.
        byte[] segment = Convert.FromHexString("0001000200000000000000005000000000000000ab");
        ushort sum = TcpChecksum.Compute(0x0A000001, 0x0A000002, segment);

        // Independent sum: pseudo-header 0a00+0001+0a00+0002+0006+0015, header 0001+0002+5000, pad ab00.
        uint expected = 0x0a00 + 0x0001 + 0x0a00 + 0x0002 + 0x0006 + 0x0015 + 0x0001 + 0x0002 + 0x5000 + 0xab00;
        while ((expected >> 16) != 0)
        {
            expected = (expected & 0xFFFF) + (expected >> 16);
        }

        Assert.Equal((ushort)~expected, sum);
    }

    [Fact]
    public void BuildsAndParsesSackBlocks()
    {
        var h = new TcpHeader { SourcePort = 1, DestinationPort = 2, Flags = TcpFlags.Ack, Window = 100 };
        h.Options.HasTimestamps = true;
        h.Options.TsVal = 7;
        h.Options.TsEcr = 9;
        h.Options.AddSack(new SeqNumber(1000), new SeqNumber(2000));
        h.Options.AddSack(new SeqNumber(4294967000), new SeqNumber(100));
        h.Options.AddSack(new SeqNumber(3000), new SeqNumber(3500));
        byte[] built = new byte[60];
        int length = h.Write(built);
        Assert.Equal(20 + 12 + 4 + 24, length);
        Assert.Equal(
            "0101080a0000000700000009" + "0101051a" + "000003e8000007d0" + "fffffed800000064" + "00000bb800000dac",
            Convert.ToHexString(built, 20, length - 20).ToLowerInvariant());

        Assert.Equal(TcpParseError.None, TcpHeader.TryParse(built.AsSpan(0, length), out TcpHeader parsed));
        Assert.Equal(3, parsed.Options.SackCount);
        Assert.Equal(new SackBlock(new SeqNumber(4294967000), new SeqNumber(100)), parsed.Options.Sack[1]);
        Assert.Equal(7u, parsed.Options.TsVal);
    }

    [Theory]
    [InlineData("0001000200000000", (int)TcpParseError.TooShort)]
    [InlineData("0001000200000000000000004000ffff00000000", (int)TcpParseError.BadDataOffset)]
    [InlineData("000100020000000000000000f000ffff00000000", (int)TcpParseError.BadDataOffset)]
    [InlineData("0001000200000000000000006000ffff00000000" + "0201ffff", (int)TcpParseError.BadOption)]
    [InlineData("0001000200000000000000006000ffff00000000" + "010108ff", (int)TcpParseError.BadOption)]
    public void RejectsMalformedHeaders(string hex, int expected)
    {
        Assert.Equal((TcpParseError)expected, TcpHeader.TryParse(Convert.FromHexString(hex), out _));
    }

    [Fact]
    public void IgnoresUnknownAndWrongLengthOptionsAndClampsWindowScale()
    {
        // Unknown kind 30 (len 4), MSS with length 3 (ignored), window scale 20 (clamped to 14), EOL.
        byte[] segment = Convert.FromHexString("000100020000000000000000" + "8002ffff00000000" + "1e04abcd" + "020305" + "030314" + "0000");
        Assert.Equal(TcpParseError.None, TcpHeader.TryParse(segment, out TcpHeader h));
        Assert.False(h.Options.HasMss);
        Assert.True(h.Options.HasWindowScale);
        Assert.Equal(14, h.Options.WindowScale);
    }
}
