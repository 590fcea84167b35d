namespace DemiGen.Catnip.Tests;

public class ChecksumTests
{
    [Fact]
    public void Rfc1071ExampleSumsToDdf2()
    {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum (with end-around carry) to ddf2; the checksum is its complement.
        byte[] data = Convert.FromHexString("0001f203f4f5f6f7");
        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void OddLengthPadsTheLastByteWithZero()
    {
        Assert.Equal(InternetChecksum.Compute(Convert.FromHexString("0001f203f4f5f600")), InternetChecksum.Compute(Convert.FromHexString("0001f203f4f5f6")));
    }

    [Fact]
    public void CapturedIpv4HeaderChecksumVerifiesToZero()
    {
        Assert.Equal(0, InternetChecksum.Compute(Frames.KernelUdp.AsSpan(Frames.IpOffset, Frames.IpLength)));
    }

    [Fact]
    public void CapturedUdpChecksumVerifiesWithThePseudoHeader()
    {
        ReadOnlySpan<byte> udp = Frames.KernelUdp.AsSpan(Frames.TransportOffset);
        ulong pseudo = InternetChecksum.PseudoHeader(new Ipv4Address(0x0A090002), new Ipv4Address(0x0A090001), IpProtocol.Udp, udp.Length);
        Assert.Equal(0, InternetChecksum.Compute(udp, pseudo));
    }

    [Fact]
    public void PiecewiseSumEqualsWholeSum()
    {
        byte[] data = Frames.KernelEchoRequest;
        ulong sum = InternetChecksum.Accumulate(data.AsSpan(0, 20));
        sum = InternetChecksum.Accumulate(data.AsSpan(20), sum);
        Assert.Equal(InternetChecksum.Compute(data), InternetChecksum.Finish(sum));
    }

    [Fact]
    public void PendingChecksumOfACapturedVethFrameIsCompleted()
    {
        byte[] frame = Frames.KernelUdpChecksumPending;
        PartialChecksum.Complete(frame);
        Assert.Equal(Frames.KernelUdp, frame);
    }

    [Fact]
    public void CompletingAFrameThatIsNotUdpOrTcpChangesNothing()
    {
        byte[] frame = Frames.KernelEchoRequest;
        PartialChecksum.Complete(frame);
        Assert.Equal(Frames.KernelEchoRequest, frame);
    }
}
