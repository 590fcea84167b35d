using DemiGen.Inet.Tcp;
using Xunit;

namespace DemiGen.Tcp.Tests;

/// <summary>Malformed, truncated and random segments are dropped and counted; the engine never throws and keeps serving.</summary>
public class RobustnessTests
{
    private const uint Local = 0x0A000001;
    private const uint Remote = 0x0A000002;

    private sealed class Collector : ITcpSegmentSender
    {
        private readonly byte[] buffer = new byte[65535];

        public List<byte[]> Sent { get; } = [];

        public Span<byte> BeginSegment() => buffer;

        public void CommitSegment(uint source, uint destination, int length) => Sent.Add(buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void TruncatedAndBadOffsetSegmentsAreCounted()
    {
        var sender = new Collector();
        var engine = new TcpEngine(new TcpConfig(), new ManualClock(), sender, seed: 3);
        engine.Listen(Local, 80, 8);

        byte[] shortSegment = new byte[12];
        engine.Receive(Remote, Local, shortSegment);
        byte[] badOffset = new byte[20];
        badOffset[12] = 0xF0;
        TcpChecksum.Fill(Remote, Local, badOffset);
        engine.Receive(Remote, Local, badOffset);
        byte[] badOption = Convert.FromHexString("9c40005000000001000000006002ffff00000000" + "0209ffff");
        TcpChecksum.Fill(Remote, Local, badOption);
        engine.Receive(Remote, Local, badOption);

        Assert.Equal(2, engine.Stats.DroppedMalformed);
        Assert.Equal(1, engine.Stats.DroppedBadChecksum);
        Assert.Empty(sender.Sent);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RandomAndMutatedSegmentsNeverThrow(int seed)
    {
        var random = new Random(seed);
        var clock = new ManualClock();
        var sender = new Collector();
        var config = new TcpConfig { ReceiveBufferSize = 8192, SendBufferSize = 8192, Mss = 536 };
        var engine = new TcpEngine(config, clock, sender, seed);
        engine.Listen(Local, 80, 8);

        // A real connection to aim at: handshake by hand, then data queued in both directions.
        byte[] syn = Segment(40000, 80, 5000, 0, TcpFlags.Syn, 65535, withOptions: true, payload: 0);
        engine.Receive(Remote, Local, syn);
        TcpHeader.TryParse(sender.Sent[^1], out TcpHeader synAck);
        engine.Receive(Remote, Local, Segment(40000, 80, 5001, synAck.Seq.Value + 1, TcpFlags.Ack, 65535, withOptions: false, payload: 0));

        for (int i = 0; i < 30_000; i++)
        {
            byte[] bytes;
            int kind = random.Next(4);
            if (kind == 0)
            {
                bytes = new byte[random.Next(0, 80)];
                random.NextBytes(bytes);
            }
            else
            {
                // Valid-looking segments for the live connection with random sequence numbers, flags, windows,
                // options and lengths, then some bytes flipped; the checksum is usually made right again.
                uint seq = 5001 + (uint)random.Next(-20000, 20000);
                uint ack = synAck.Seq.Value + (uint)random.Next(-20000, 20000);
                bytes = Segment(40000, (ushort)(random.Next(8) == 0 ? random.Next(65536) : 80), seq, ack, (TcpFlags)random.Next(256), (ushort)random.Next(65536), random.Next(2) == 0, random.Next(0, 1200));
                for (int flips = random.Next(3); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(256);
                }

                if (kind != 3)
                {
                    TcpChecksum.Fill(Remote, Local, bytes);
                }
            }

            engine.Receive(Remote, Local, bytes);
            if (random.Next(50) == 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(random.Next(1, 3000)));
                engine.CheckTimers();
            }
        }

        // Still serving: a fresh connection on another port completes its handshake.
        sender.Sent.Clear();
        engine.Receive(Remote, Local, Segment(41000, 80, 77, 0, TcpFlags.Syn, 65535, withOptions: true, payload: 0));
        Assert.Contains(sender.Sent, s => TcpHeader.TryParse(s, out TcpHeader h) == TcpParseError.None && h.Flags == (TcpFlags.Syn | TcpFlags.Ack) && h.DestinationPort == 41000);
        Assert.True(engine.Stats.DroppedMalformed + engine.Stats.DroppedBadChecksum > 1000);
    }

    private static byte[] Segment(ushort sport, ushort dport, uint seq, uint ack, TcpFlags flags, ushort window, bool withOptions, int payload)
    {
        var h = new TcpHeader { SourcePort = sport, DestinationPort = dport, Seq = new SeqNumber(seq), Ack = new SeqNumber(ack), Flags = flags, Window = window };
        if (withOptions)
        {
            h.Options.HasMss = true;
            h.Options.Mss = 536;
            h.Options.HasTimestamps = true;
            h.Options.TsVal = seq;
            h.Options.AddSack(new SeqNumber(ack + 100), new SeqNumber(ack + 700));
            h.Options.SackPermitted = true;
            h.Options.HasWindowScale = true;
            h.Options.WindowScale = 20;
        }

        byte[] bytes = new byte[h.EncodedLength + payload];
        int length = h.Write(bytes);
        bytes.AsSpan(length).Fill(0xAB);
        TcpChecksum.Fill(Remote, Local, bytes);
        return bytes;
    }
}
