namespace DemiGen.Catnip.Tests;

/// <summary>Thousands of mutated frames (flipped bits, cut lengths, random bytes) never throw and never stop the stack.</summary>
public class FuzzedFrameTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MutatedFramesAreAbsorbedAndTheStackKeepsServing(int seed)
    {
        using StackHarness h = new();
        QDesc qd = h.UdpSocket(7);
        Random random = new(seed);
        byte[][] seeds = [Frames.KernelUdp, Frames.KernelEchoRequest, Frames.KernelArpRequest];
        for (int i = 0; i < 3000; i++)
        {
            byte[] frame = Mutate(seeds[random.Next(seeds.Length)], random);
            h.Peer.SendFrame(frame);
            h.Run();
        }

        h.TakeSent();
        QToken pop = h.OS.Pop(qd);
        while (h.Poll(pop) is { } queued)
        {
            h.OS.SgaFree(queued.Sga);
            pop = h.OS.Pop(qd);
        }

        long received = h.Stack.Ethernet.Counters.Received;
        Assert.True(received >= 3000, $"seed {seed}: {h.OS.CountersReport}");

        h.Inject(Frames.KernelUdp);
        QResult r = h.Done(pop);
        Assert.Equal("hello catnip"u8.ToArray(), r.Sga.ToArray());
        h.OS.SgaFree(r.Sga);
        h.Inject(Frames.KernelEchoRequest);
        Assert.Equal(IpProtocol.Icmp, PeerFrames.Ipv4Of(Assert.Single(h.TakeSent())).Header.Protocol);
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        byte[] frame = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    frame[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
                }

                return frame;
            case 1:
                return frame[..random.Next(frame.Length)];
            case 2:
                random.NextBytes(frame.AsSpan(14 + random.Next(frame.Length - 14)));
                return frame;
            default:
                // A header field set to an extreme value, checksum repaired so the layer above sees it.
                int at = 14 + random.Next(Math.Min(28, frame.Length - 14));
                frame[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                int headerLength = (frame[14] & 0x0F) * 4;
                bool repairable = frame[12] == 0x08 && frame[13] == 0x00 && headerLength >= 20 && 14 + headerLength <= frame.Length;
                return repairable ? PeerFrames.FixIpChecksum(frame) : frame;
        }
    }
}
