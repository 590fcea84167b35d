using System.Buffers;
using DemiGen;
using DemiKV.Commands;
using DemiKV.Protocol;
using DemiKV.Storage;

namespace DemiKV.Server;

/// <summary>
/// One client connection's state: its parser, its reply writer, the bytes of a request that has not fully
/// arrived yet, and its selected database and name. <see cref="Feed(ReadOnlySpan{byte})"/> runs every whole
/// request in the popped bytes, parsing them where they lie; only the unfinished tail is copied aside.
/// </summary>
public sealed class ClientSession : IDisposable
{
    private const int KeepCarryBytes = 64 * 1024;

    private readonly RespParser parser;
    private byte[] carry = [];
    private int carryLength;

    /// <summary>Creates the session of a new connection whose replies are written into <paramref name="os"/>'s memory.</summary>
    public ClientSession(KvStore store, LibOS os)
    {
        Store = store;
        OS = os;
        Writer = new ReplyWriter(os);
        parser = new RespParser(store.Limits);
        Id = store.NextClientId();
        Interlocked.Increment(ref store.Stats.ConnectionsReceived);
        Interlocked.Increment(ref store.Stats.ConnectedClients);
    }

    /// <summary>The shared store.</summary>
    public KvStore Store { get; }

    /// <summary>The libOS (shard) that serves this client.</summary>
    public LibOS OS { get; }

    /// <summary>Where this client's replies go.</summary>
    public ReplyWriter Writer { get; }

    /// <summary>CLIENT ID.</summary>
    public long Id { get; }

    /// <summary>CLIENT SETNAME, or null.</summary>
    public string? Name { get; set; }

    /// <summary>The selected database's index (SELECT).</summary>
    public int DatabaseIndex { get; set; }

    /// <summary>The selected database.</summary>
    public Database Database => Store[DatabaseIndex];

    /// <summary>Now in ms, fixed for the batch of requests being run.</summary>
    public long NowMs { get; private set; }

    /// <summary>True once the connection must close after its pending replies are sent (QUIT, protocol error).</summary>
    public bool CloseRequested { get; set; }

    /// <summary>Bytes held for an unfinished request.</summary>
    public int BufferedBytes => carryLength;

    /// <summary>Runs the requests in a popped Sga (every segment, in order).</summary>
    public void Feed(Sga data)
    {
        for (int i = 0; i < data.SegmentCount; i++)
        {
            Feed(data.GetSegment(i));
        }
    }

    /// <summary>Runs every whole request in <paramref name="data"/> (after any unfinished one from before).</summary>
    public void Feed(ReadOnlySpan<byte> data)
    {
        if (CloseRequested || data.IsEmpty)
        {
            return;
        }

        lock (Store.Gate)
        {
            NowMs = Store.NowMs;
            if (carryLength == 0)
            {
                int used = Process(data);
                if (!CloseRequested && used < data.Length)
                {
                    Append(data[used..]);
                }

                return;
            }

            Append(data);
            if (carryLength < parser.BytesNeeded)
            {
                return;
            }

            int consumed = Process(carry.AsSpan(0, carryLength));
            carry.AsSpan(consumed, carryLength - consumed).CopyTo(carry);
            carryLength -= consumed;
            if (carryLength == 0 && carry.Length > KeepCarryBytes)
            {
                ReleaseCarry();
            }
        }
    }

    /// <summary>Frees the replies not yet sent and counts the client as gone.</summary>
    public void Dispose()
    {
        ReleaseCarry();
        Writer.Dispose();
        Interlocked.Decrement(ref Store.Stats.ConnectedClients);
    }

    private int Process(ReadOnlySpan<byte> input)
    {
        int offset = 0;
        while (offset < input.Length && !CloseRequested)
        {
            ParseStatus status = parser.Parse(input[offset..], out Arguments args, out int consumed);
            switch (status)
            {
                case ParseStatus.Command:
                    offset += consumed;
                    ExecuteGuarded(args);
                    break;
                case ParseStatus.Empty:
                    offset += consumed;
                    break;
                case ParseStatus.Incomplete:
                    return offset;
                default:
                    Writer.Error("ERR " + parser.ErrorMessage);
                    Interlocked.Increment(ref Store.Stats.ProtocolErrors);
                    CloseRequested = true;
                    return offset;
            }
        }

        return offset;
    }

    // A fault in one command must not take the server down: that client gets an error and is disconnected.
    private void ExecuteGuarded(Arguments args)
    {
        try
        {
            CommandTable.Execute(this, args);
        }
        catch (Exception e) when (e is not DemiUsageException)
        {
            Console.Error.WriteLine($"DemiKV: client {Id}: a command failed: {e}");
            Writer.Error("ERR internal error; closing the connection");
            CloseRequested = true;
        }
    }

    /// <summary>
    /// Appends to the unfinished request. A growing buffer is sized to the whole request where the parser knows its
    /// length (one copy instead of a doubling series) — but never beyond eight times the bytes that have arrived, so a
    /// client announcing a huge bulk and sending little holds little — and comes from the shared array pool, so a
    /// stream of large requests (SET of a 256 KiB value arrives in several pops) allocates no new large arrays.
    /// </summary>
    private void Append(ReadOnlySpan<byte> bytes)
    {
        int needed = carryLength + bytes.Length;
        if (needed > carry.Length)
        {
            int announced = parser.InProgress ? (int)Math.Min(parser.BytesNeeded, 8L * needed) : 0;
            byte[] grown = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(needed, announced), Math.Max(256, carry.Length * 2)));
            carry.AsSpan(0, carryLength).CopyTo(grown);
            ReleaseCarry();
            carry = grown;
        }

        bytes.CopyTo(carry.AsSpan(carryLength));
        carryLength = needed;
    }

    private void ReleaseCarry()
    {
        if (carry.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(carry);
        }

        carry = [];
    }
}
