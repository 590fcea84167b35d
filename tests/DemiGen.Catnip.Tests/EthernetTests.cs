namespace DemiGen.Catnip.Tests;

public class EthernetTests
{
    [Fact]
    public void HeaderOfACapturedFrameParses()
    {
        Assert.True(EthernetHeader.TryParse(Frames.KernelUdp, out EthernetHeader header));
        Assert.Equal(Frames.StackMac, header.Destination);
        Assert.Equal(Frames.PeerMac, header.Source);
        Assert.Equal(EtherType.Ipv4, header.EtherType);
    }

    [Fact]
    public void BuiltHeaderMatchesTheCapturedBytes()
    {
        byte[] built = new byte[EthernetHeader.Length];
        new EthernetHeader(MacAddress.Broadcast, Frames.PeerMac, EtherType.Arp).Write(built);
        Assert.Equal(Frames.KernelArpRequest[..EthernetHeader.Length], built);
    }

    [Fact]
    public void HeaderShorterThanFourteenBytesIsRejected()
    {
        Assert.False(EthernetHeader.TryParse(Frames.KernelUdp.AsSpan(0, 13), out _));
    }

    [Theory]
    [InlineData("02:00:00:00:00:01", "02:00:00:00:00:01")]
    [InlineData("AA-BB-CC-DD-EE-FF", "aa:bb:cc:dd:ee:ff")]
    [InlineData("ff:ff:ff:ff:ff:ff", "ff:ff:ff:ff:ff:ff")]
    public void MacAddressParsesAndFormats(string text, string expected)
    {
        Assert.Equal(expected, MacAddress.Parse(text).ToString());
    }

    [Theory]
    [InlineData("02:00:00:00:01")]
    [InlineData("02:00:00:00:00:0g")]
    [InlineData("02:00:00:00:00:100")]
    public void MalformedMacAddressIsAFormatError(string text)
    {
        FormatException error = Assert.Throws<FormatException>(() => MacAddress.Parse(text));
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void GroupBitMarksMulticastAndBroadcast()
    {
        Assert.True(MacAddress.Broadcast.IsMulticast);
        Assert.True(MacAddress.Parse("01:00:5e:00:00:01").IsMulticast);
        Assert.False(Frames.StackMac.IsMulticast);
    }
}
