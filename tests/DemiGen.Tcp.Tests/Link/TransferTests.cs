using System.Diagnostics;
using System.Security.Cryptography;
using DemiGen.Inet.Tcp;
using Xunit;
using Xunit.Abstractions;

namespace DemiGen.Tcp.Tests.Link;

/// <summary>
/// Two engines over a lossy, reordering, duplicating, corrupting simulated link: a bulk transfer must deliver every
/// byte exactly once and in order. The size is DEMIGEN_TCP_TRANSFER_MB (default below); the seed is
/// DEMIGEN_TCP_SEED or random, and is printed on failure.
/// </summary>
public class TransferTests(ITestOutputHelper output)
{
    private const int DefaultMegabytes = 100;
    private const ushort ServerPort = 5001;

    [Theory]
    [InlineData(0.01, "cubic", true)]
    [InlineData(0.05, "cubic", true)]
    [InlineData(0.10, "cubic", true)]
    [InlineData(0.05, "newreno", true)]
    [InlineData(0.05, "newreno", false)]
    public void BulkTransferArrivesOnceAndInOrder(double loss, string congestion, bool options)
    {
        int seed = Environment.GetEnvironmentVariable("DEMIGEN_TCP_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        int megabytes = Environment.GetEnvironmentVariable("DEMIGEN_TCP_TRANSFER_MB") is { } m ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : DefaultMegabytes;
        try
        {
            Transfer(seed, (long)megabytes << 20, loss, congestion == "cubic" ? TcpCongestionControl.Cubic : TcpCongestionControl.NewReno, options);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed} (replay with DEMIGEN_TCP_SEED={seed}): {e.Message}\n{e.StackTrace}");
        }
    }

    private void Transfer(int seed, long total, double loss, TcpCongestionControl congestion, bool options)
    {
        var clock = new ManualClock(0, autoAdvance: false);
        var link = new SimulatedLink(clock, seed, new LinkFaults(loss, Duplication: 0.01, Reordering: 0.02, Corruption: 0.002));
        TcpConfig Config() => new()
        {
            CongestionControl = congestion,
            Sack = options,
            Timestamps = options,
            WindowScaling = options,
            Msl = TimeSpan.FromSeconds(1),
        };
        link.Hosts[0] = new TcpEngine(Config(), clock, link.SenderFor(0), seed);
        link.Hosts[1] = new TcpEngine(Config(), clock, link.SenderFor(1), seed + 1);

        TcpListener listener = link.Hosts[1].Listen(link.Addresses[1], ServerPort, 4);
        TcpConnection client = link.Hosts[0].Connect(link.Addresses[0], 0, link.Addresses[1], ServerPort);
        TcpConnection? server = null;

        var source = new PayloadGenerator(seed);
        var sink = new PayloadGenerator(seed);
        using var sentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var receivedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = new byte[64 * 1024];
        byte[] expected = new byte[64 * 1024];
        byte[] incoming = new byte[64 * 1024];
        int chunkOffset = chunk.Length;
        long written = 0;
        long received = 0;
        bool clientClosed = false;
        bool serverClosed = false;
        var watch = Stopwatch.StartNew();

        for (long steps = 0; ; steps++)
        {
            if (steps >= 50_000_000 || clock.NowNanoseconds >= 3_600_000_000_000 || ((steps & 0xFFFF) == 0 && watch.Elapsed > TimeSpan.FromMinutes(3)))
            {
                throw new Xunit.Sdk.XunitException($"no end after {steps} steps, {clock.NowNanoseconds / 1e9:0} s simulated, {watch.Elapsed.TotalSeconds:0} s real");
            }

            server ??= listener.Accept();

            // The application: the client writes until everything is queued, then closes; the server reads and checks.
            while (written < total && client.SendSpace > 0)
            {
                if (chunkOffset == chunk.Length)
                {
                    source.Fill(chunk);
                    chunkOffset = 0;
                }

                int want = (int)Math.Min(chunk.Length - chunkOffset, total - written);
                Assert.Equal(DemiError.None, client.Send(chunk.AsSpan(chunkOffset, want), out int queued));
                sentHash.AppendData(chunk, chunkOffset, queued);
                chunkOffset += queued;
                written += queued;
            }

            if (written == total && !clientClosed)
            {
                client.Close();
                clientClosed = true;
            }

            while (server is not null && server.ReadableBytes > 0)
            {
                int n = server.Receive(incoming);
                VerifyInOrder(sink, expected, incoming.AsSpan(0, n), received);
                receivedHash.AppendData(incoming, 0, n);
                received += n;
            }

            if (server is not null && server.IsEndOfStream && !serverClosed)
            {
                server.Close();
                serverClosed = true;
            }

            if (serverClosed && server!.State == TcpState.Closed && client.State is TcpState.TimeWait or TcpState.Closed)
            {
                break;
            }

            if (client.Error != DemiError.None || (server is not null && server.Error != DemiError.None))
            {
                throw new Xunit.Sdk.XunitException($"connection failed: client {client.Error}, server {server?.Error}");
            }

            long next = Math.Min(link.NextDelivery, Math.Min(link.Hosts[0].NextDeadline, link.Hosts[1].NextDeadline));
            if (next == long.MaxValue)
            {
                throw new Xunit.Sdk.XunitException($"stalled: nothing in flight and no timer, client {client.State}, server {server?.State}, written {written}, received {received}");
            }
            clock.AdvanceTo(next);
            link.DeliverDue();
            link.Hosts[0].CheckTimers();
            link.Hosts[1].CheckTimers();
        }

        Assert.Equal(total, received);
        Assert.Equal(sentHash.GetHashAndReset(), receivedHash.GetHashAndReset());
        TcpStats a = link.Hosts[0].Stats;
        TcpStats b = link.Hosts[1].Stats;
        output.WriteLine(
            $"seed {seed}: {total >> 20} MiB in {clock.NowNanoseconds / 1e9:0.00} s simulated, {watch.Elapsed.TotalSeconds:0.00} s real; " +
            $"link delivered {link.Delivered}, dropped {link.Dropped}; client retransmissions {a.Retransmissions}, fast {a.FastRetransmits}, " +
            $"timeouts {a.RetransmitTimeouts}; bad checksums {a.DroppedBadChecksum + b.DroppedBadChecksum}; out of order at server {b.OutOfOrderSegments}");
    }

    private static void VerifyInOrder(PayloadGenerator sink, byte[] expected, ReadOnlySpan<byte> data, long offset)
    {
        // The sink replays the source's generator in 64 KiB chunks; compare piece by piece across chunk borders.
        int done = 0;
        while (done < data.Length)
        {
            long inChunk = (offset + done) % expected.Length;
            if (inChunk == 0)
            {
                sink.Fill(expected);
            }

            int n = (int)Math.Min(expected.Length - inChunk, data.Length - done);
            if (!data.Slice(done, n).SequenceEqual(expected.AsSpan((int)inChunk, n)))
            {
                throw new Xunit.Sdk.XunitException($"byte stream differs within [{offset + done}, {offset + done + n})");
            }

            done += n;
        }
    }
}
