using System.Security.Cryptography;
using DemiGen.Inet.Tcp;

namespace DemiGen.Tcp.Tests.Link;

/// <summary>
/// A client engine sending a seeded byte stream to a server engine over a <see cref="LossyLink"/>, with the
/// discrete-event loop that drives both: deliver due packets, run due timers, let the applications write and read.
/// The server checks every byte against the regenerated stream as it arrives and hashes the whole stream.
/// </summary>
internal sealed class BulkTransfer : IDisposable
{
    private const ushort ServerPort = 5001;

    private readonly ManualClock clock = new(0, autoAdvance: false);
    private readonly LossyLink link;
    private readonly TcpListener listener;
    private readonly TcpConnection client;
    private readonly PayloadGenerator source;
    private readonly PayloadGenerator sink;
    private readonly IncrementalHash sentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash receivedHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] chunk = new byte[64 * 1024];
    private readonly byte[] expected = new byte[64 * 1024];
    private readonly byte[] incoming = new byte[64 * 1024];
    private readonly long total;
    private TcpConnection? server;
    private int chunkOffset;
    private long steps;
    private bool clientClosed;
    private bool serverClosed;

    public BulkTransfer(int seed, long total, LinkFaults faults, Func<TcpConfig> config)
    {
        this.total = total;
        link = new LossyLink(clock, seed, faults);
        link.Hosts[0] = new TcpEngine(config(), clock, link.SenderFor(0), seed);
        link.Hosts[1] = new TcpEngine(config(), clock, link.SenderFor(1), seed + 1);
        source = new PayloadGenerator(seed);
        sink = new PayloadGenerator(seed);
        chunkOffset = chunk.Length;
        listener = link.Hosts[1].Listen(link.Addresses[1], ServerPort, 4);
        client = link.Hosts[0].Connect(link.Addresses[0], 0, link.Addresses[1], ServerPort);
    }

    public long Written { get; private set; }

    public long Received { get; private set; }

    public long SimulatedNanoseconds => clock.NowNanoseconds;

    public LossyLink Link => link;

    /// <summary>Both sides closed: the server fully, the client at least into TIME_WAIT.</summary>
    public bool Finished => serverClosed && server!.State == TcpState.Closed && client.State is TcpState.TimeWait or TcpState.Closed;

    public bool HashesMatch => sentHash.GetCurrentHash().AsSpan().SequenceEqual(receivedHash.GetCurrentHash());

    /// <summary>Runs the loop until <paramref name="until"/> holds; throws on a failed connection, a stall or runaway.</summary>
    public void RunUntil(Func<BulkTransfer, bool> until)
    {
        while (true)
        {
            if (++steps >= 50_000_000 || clock.NowNanoseconds >= 3_600_000_000_000)
            {
                throw new InvalidOperationException($"no end after {steps} steps, {clock.NowNanoseconds / 1e9:0} s simulated");
            }

            PumpApplications();
            if (until(this))
            {
                return;
            }

            if (client.Error != DemiError.None || (server is not null && server.Error != DemiError.None))
            {
                throw new InvalidOperationException($"connection failed: client {client.Error}, server {server?.Error}");
            }

            long next = Math.Min(link.NextDelivery, Math.Min(link.Hosts[0].NextDeadline, link.Hosts[1].NextDeadline));
            if (next == long.MaxValue)
            {
                throw new InvalidOperationException(
                    $"stalled: nothing in flight and no timer, client {client.State}, server {server?.State}, written {Written}, received {Received}");
            }

            clock.AdvanceTo(next);
            link.DeliverDue();
            link.Hosts[0].CheckTimers();
            link.Hosts[1].CheckTimers();
        }
    }

    private void PumpApplications()
    {
        server ??= listener.Accept();
        while (Written < total && client.SendSpace > 0)
        {
            if (chunkOffset == chunk.Length)
            {
                source.Fill(chunk);
                chunkOffset = 0;
            }

            int want = (int)Math.Min(chunk.Length - chunkOffset, total - Written);
            if (client.Send(chunk.AsSpan(chunkOffset, want), out int queued) != DemiError.None)
            {
                throw new InvalidOperationException($"send failed: {client.Error}");
            }

            sentHash.AppendData(chunk, chunkOffset, queued);
            chunkOffset += queued;
            Written += queued;
        }

        if (Written == total && !clientClosed)
        {
            client.Close();
            clientClosed = true;
        }

        while (server is not null && server.ReadableBytes > 0)
        {
            int n = server.Receive(incoming);
            VerifyInOrder(incoming.AsSpan(0, n));
            receivedHash.AppendData(incoming, 0, n);
            Received += n;
        }

        if (server is not null && server.IsEndOfStream && !serverClosed)
        {
            server.Close();
            serverClosed = true;
        }
    }

    private void VerifyInOrder(ReadOnlySpan<byte> data)
    {
        // The sink replays the source's stream in 64 KiB chunks; compare piece by piece across chunk borders.
        int done = 0;
        while (done < data.Length)
        {
            int inChunk = (int)((Received + done) % expected.Length);
            if (inChunk == 0)
            {
                sink.Fill(expected);
            }

            int n = Math.Min(expected.Length - inChunk, data.Length - done);
            if (!data.Slice(done, n).SequenceEqual(expected.AsSpan(inChunk, n)))
            {
                throw new InvalidOperationException($"byte stream differs within [{Received + done}, {Received + done + n})");
            }

            done += n;
        }
    }

    public void Dispose()
    {
        sentHash.Dispose();
        receivedHash.Dispose();
    }
}
