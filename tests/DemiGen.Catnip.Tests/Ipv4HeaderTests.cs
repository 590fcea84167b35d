namespace DemiGen.Catnip.Tests;

public class Ipv4HeaderTests
{
    private static byte[] CapturedPacket => Frames.KernelUdp[Frames.IpOffset..];

    [Fact]
    public void CapturedHeaderParses()
    {
        Assert.Equal(Ipv4ParseResult.Ok, Ipv4Header.TryParse(CapturedPacket, out Ipv4Header header));
        Assert.Equal(20, header.HeaderLength);
        Assert.Equal(40, header.TotalLength);
        Assert.Equal(0x7b42, header.Identification);
        Assert.True(header.DontFragment);
        Assert.False(header.IsFragment);
        Assert.Equal(64, header.TimeToLive);
        Assert.Equal(IpProtocol.Udp, header.Protocol);
        Assert.Equal("10.9.0.2", header.Source.ToString());
        Assert.Equal("10.9.0.1", header.Destination.ToString());
    }

    [Fact]
    public void BuildingTheParsedFieldsReproducesTheCapturedBytesAndChecksum()
    {
        Ipv4Header.TryParse(CapturedPacket, out Ipv4Header header);
        byte[] built = new byte[20];
        header.Write(built);
        Assert.Equal(CapturedPacket[..20], built);
    }

    [Fact]
    public void WorkedExampleWithKnownChecksumBuilds()
    {
        // The worked example of the IPv4 header checksum article on Wikipedia: 192.168.0.1 -> 192.168.0.199, UDP, TTL 64, DF, total length 0x73: checksum b861.
        byte[] expected = Convert.FromHexString("450000730000400040 11b861c0a80001c0a800c7".Replace(" ", string.Empty));
        byte[] built = new byte[20];
        new Ipv4Header(20, 0x73, 0, false, true, 0, 64, IpProtocol.Udp, new Ipv4Address(0xC0A80001), new Ipv4Address(0xC0A800C7)).Write(built);
        Assert.Equal(expected, built);
    }

    [Theory]
    [InlineData(19)]
    [InlineData(39)]
    public void ShortPacketsAreTruncated(int length)
    {
        Assert.Equal(Ipv4ParseResult.Truncated, Ipv4Header.TryParse(CapturedPacket.AsSpan(0, length), out _));
    }

    [Fact]
    public void VersionSixIsRejected()
    {
        byte[] packet = CapturedPacket;
        packet[0] = 0x65;
        Assert.Equal(Ipv4ParseResult.BadVersion, Ipv4Header.TryParse(packet, out _));
    }

    [Fact]
    public void HeaderLengthBelowFiveWordsIsRejected()
    {
        byte[] packet = CapturedPacket;
        packet[0] = 0x44;
        Assert.Equal(Ipv4ParseResult.BadLength, Ipv4Header.TryParse(packet, out _));
    }

    [Fact]
    public void FlippedBitFailsTheChecksum()
    {
        byte[] packet = CapturedPacket;
        packet[8] ^= 0x01;
        Assert.Equal(Ipv4ParseResult.BadChecksum, Ipv4Header.TryParse(packet, out _));
    }

    [Fact]
    public void MoreFragmentsAndOffsetAreReadAsFragment()
    {
        byte[] built = new byte[20];
        new Ipv4Header(20, 20, 1, MoreFragments: false, DontFragment: false, FragmentOffset: 1480, 64, IpProtocol.Udp, new Ipv4Address(1), new Ipv4Address(2)).Write(built);
        Assert.Equal(Ipv4ParseResult.Ok, Ipv4Header.TryParse(built, out Ipv4Header header));
        Assert.True(header.IsFragment);
        Assert.Equal(1480, header.FragmentOffset);
    }
}
