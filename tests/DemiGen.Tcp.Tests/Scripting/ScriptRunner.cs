using System.Globalization;
using System.Reflection;
using DemiGen.Inet.Tcp;

namespace DemiGen.Tcp.Tests.Scripting;

/// <summary>
/// Runs a scripted TCP test (in the spirit of packetdrill) against one engine on a manual clock. The script plays
/// the remote peer at 10.0.0.2:40000 and the application on the engine's side at 10.0.0.1:8080.
/// <list type="bullet">
/// <item><c>config key=value ...</c> and <c>isn local=N remote=N</c> set up the engine (before the first timed line).</item>
/// <item><c>T &lt; segment</c> injects a segment at time T; <c>T &gt; segment</c> expects the engine's next segment to
/// have been sent exactly at T. Any segment the script did not expect fails the test.</item>
/// <item><c>T command</c>: listen, connect, accept, write N [queued M], read N, readable N, eof, close, abort,
/// state S, error E, stat Name N, cwnd N, rto SECONDS, connections N. A segment's <c>port N</c> sets the peer's port.</item>
/// </list>
/// T is seconds, absolute or <c>+delta</c> from the previous line. Payload bytes follow a pattern of their
/// relative sequence number, so data is checked byte for byte in both directions.
/// </summary>
internal sealed class ScriptRunner : ITcpSegmentSender
{
    private const uint LocalAddress = 0x0A000001;
    private const uint RemoteAddress = 0x0A000002;
    private const ushort LocalPort = 8080;
    private const ushort RemotePort = 40000;

    private readonly Queue<(long Time, byte[] Bytes)> outbound = new();
    private readonly TcpConfig config = new() { RandomTimestampOffset = false };
    private readonly ManualClock clock = new(0, autoAdvance: false);
    private uint localIsn = 1_000_000;
    private uint remoteIsn = 3_000_000;
    private TcpEngine? engine;
    private TcpListener? listener;
    private TcpConnection? connection;
    private uint written;
    private uint read;
    private long lineTime;
    private string where = "";

    public static void Run(string path)
    {
        var runner = new ScriptRunner();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            int hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }

            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            runner.where = $"{Path.GetFileName(path)}:{i + 1}: {line}";
            try
            {
                runner.Execute(line);
            }
            catch (FormatException e)
            {
                throw new ScriptFailure($"{runner.where}\n  bad script line: {e.Message}");
            }
        }

        runner.ExpectNothingPending();
    }

    private byte[] segmentBuffer = [];

    /// <summary>Exactly the size the contract promises (Mss + 20, at least 60), so every script checks segment sizes.</summary>
    public Span<byte> BeginSegment() => segmentBuffer;

    public void CommitSegment(uint source, uint destination, int length)
    {
        ReadOnlySpan<byte> segment = segmentBuffer.AsSpan(0, length);
        if (source != LocalAddress || destination != RemoteAddress || !TcpChecksum.IsValid(source, destination, segment))
        {
            throw new ScriptFailure($"{where}\n  engine sent a segment with wrong addresses or checksum");
        }

        outbound.Enqueue((clock.NowNanoseconds, segment.ToArray()));
    }

    private TcpEngine Engine => engine ??= StartEngine();

    private TcpEngine StartEngine()
    {
        config.InitialSequenceSource = () => localIsn;
        segmentBuffer = new byte[Math.Max(TcpHeader.MaxLength, config.Mss + TcpHeader.MinLength)];
        return new TcpEngine(config, clock, this, seed: 1);
    }

    private TcpConnection Connection => connection ?? throw new ScriptFailure($"{where}\n  no connection yet");

    private void Execute(string line)
    {
        string[] t = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (t[0] == "config")
        {
            Configure(t[1]);
            return;
        }

        if (t[0] == "isn")
        {
            foreach (string kv in t[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] p = kv.Split('=');
                uint v = uint.Parse(p[1], CultureInfo.InvariantCulture);
                if (p[0] == "local")
                {
                    localIsn = v;
                }
                else
                {
                    remoteIsn = v;
                }
            }

            return;
        }

        lineTime = ParseTime(t[0]);
        string rest = t[1];
        AdvanceTo(lineTime);
        if (rest.StartsWith("< ", StringComparison.Ordinal))
        {
            ExpectNothingPending();
            Inject(ScriptSegment.Parse(rest[2..]));
        }
        else if (rest.StartsWith("> ", StringComparison.Ordinal))
        {
            Expect(ScriptSegment.Parse(rest[2..]));
        }
        else
        {
            ExpectNothingPending();
            Command(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    private long ParseTime(string text)
    {
        bool relative = text.StartsWith('+');
        long ns = (long)(decimal.Parse(relative ? text[1..] : text, CultureInfo.InvariantCulture) * 1_000_000_000m);
        return relative ? lineTime + ns : ns;
    }

    private void Configure(string settings)
    {
        if (engine is not null)
        {
            throw new FormatException("config after the engine started");
        }

        foreach (string kv in settings.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] p = kv.Split('=');
            string v = p[1];
            int n = v is "on" or "off" or "none" or "newreno" or "cubic" ? 0 : int.Parse(v, CultureInfo.InvariantCulture);
            switch (p[0])
            {
                case "mss": config.Mss = n; break;
                case "rcvbuf": config.ReceiveBufferSize = n; break;
                case "sndbuf": config.SendBufferSize = n; break;
                case "sack": config.Sack = v == "on"; break;
                case "ts": config.Timestamps = v == "on"; break;
                case "wscale": config.WindowScaling = v == "on"; break;
                case "cc": config.CongestionControl = v switch { "none" => TcpCongestionControl.None, "newreno" => TcpCongestionControl.NewReno, _ => TcpCongestionControl.Cubic }; break;
                case "iw": config.InitialWindowSegments = n; break;
                case "delack": config.DelayedAckTimeout = TimeSpan.FromMilliseconds(n); break;
                case "initrto": config.InitialRto = TimeSpan.FromMilliseconds(n); break;
                case "minrto": config.MinRto = TimeSpan.FromMilliseconds(n); break;
                case "maxrto": config.MaxRto = TimeSpan.FromMilliseconds(n); break;
                case "msl": config.Msl = TimeSpan.FromMilliseconds(n); break;
                case "finwait2": config.FinWait2Timeout = TimeSpan.FromMilliseconds(n); break;
                case "synretries": config.SynRetries = n; break;
                case "synackretries": config.SynAckRetries = n; break;
                case "maxretx": config.MaxRetransmissions = n; break;
                default: throw new FormatException($"unknown config key '{p[0]}'");
            }
        }
    }

    /// <summary>Moves the clock to <paramref name="time"/>, running every timer due on the way at its own time.</summary>
    private void AdvanceTo(long time)
    {
        if (time < clock.NowNanoseconds)
        {
            throw new FormatException("time goes backwards");
        }

        for (int guard = 0; guard < 100_000; guard++)
        {
            long next = Engine.NextDeadline;
            if (next > time)
            {
                clock.AdvanceTo(time);
                return;
            }

            clock.AdvanceTo(next);
            Engine.CheckTimers();
        }

        throw new ScriptFailure($"{where}\n  timers keep firing without the clock moving");
    }

    private static byte Pattern(uint relativeSeq) => unchecked((byte)((relativeSeq * 131) + (relativeSeq >> 9)));

    private void Inject(ScriptSegment s)
    {
        var h = new TcpHeader
        {
            SourcePort = s.Port ?? RemotePort,
            DestinationPort = LocalPort,
            Seq = new SeqNumber(unchecked(remoteIsn + s.Start)),
            Ack = new SeqNumber(s.Ack is uint a ? unchecked(localIsn + a) : 0),
            Flags = s.Flags,
            Window = (ushort)(s.Window ?? 65535),
        };
        h.Options.HasMss = s.HasMss;
        h.Options.Mss = (ushort)s.Mss;
        h.Options.HasWindowScale = s.HasWindowScale;
        h.Options.WindowScale = (byte)s.WindowScale;
        h.Options.SackPermitted = s.SackPermitted;
        h.Options.HasTimestamps = s.HasTimestamps;
        h.Options.TsVal = s.TsVal ?? 0;
        h.Options.TsEcr = s.TsEcr ?? 0;
        foreach ((uint left, uint right) in s.Sack)
        {
            h.Options.AddSack(new SeqNumber(unchecked(localIsn + left)), new SeqNumber(unchecked(localIsn + right)));
        }

        byte[] bytes = new byte[h.EncodedLength + s.Length];
        int headerLength = h.Write(bytes);
        uint firstData = s.Start + (s.Flags.HasFlag(TcpFlags.Syn) ? 1u : 0u);
        for (int i = 0; i < s.Length; i++)
        {
            bytes[headerLength + i] = Pattern(unchecked(firstData + (uint)i));
        }

        TcpChecksum.Fill(RemoteAddress, LocalAddress, bytes);
        if (s.CorruptChecksum)
        {
            bytes[TcpChecksum.FieldOffset] ^= 0x5A;
        }

        Engine.Receive(RemoteAddress, LocalAddress, bytes);
    }

    private void Expect(ScriptSegment s)
    {
        if (!outbound.TryDequeue(out (long Time, byte[] Bytes) sent))
        {
            throw new ScriptFailure($"{where}\n  nothing was sent by t={Seconds(lineTime)}");
        }

        TcpHeader.TryParse(sent.Bytes, out TcpHeader h);
        int length = sent.Bytes.Length - h.HeaderLength;
        string actual = $"{Seconds(sent.Time)} > {ScriptSegment.Render(in h, length, localIsn, remoteIsn)}";
        var errors = new List<string>();
        if (sent.Time != lineTime)
        {
            errors.Add($"sent at {Seconds(sent.Time)}, expected at {Seconds(lineTime)}");
        }

        if (h.DestinationPort != (s.Port ?? RemotePort) || h.SourcePort != LocalPort)
        {
            errors.Add("ports differ");
        }

        if (h.Flags != s.Flags)
        {
            errors.Add("flags differ");
        }

        if (unchecked(h.Seq.Value - localIsn) != s.Start || length != s.Length)
        {
            errors.Add("sequence range differs");
        }

        if (s.Ack is uint ack && (!h.Has(TcpFlags.Ack) || unchecked(h.Ack.Value - remoteIsn) != ack))
        {
            errors.Add("ack differs");
        }

        if (s.Window is int w && h.Window != w)
        {
            errors.Add("window differs");
        }

        if (s.HasOptions)
        {
            CompareOptions(s, in h, errors);
        }

        uint firstData = s.Start + (s.Flags.HasFlag(TcpFlags.Syn) ? 1u : 0u);
        for (int i = 0; i < length && errors.Count == 0; i++)
        {
            if (sent.Bytes[h.HeaderLength + i] != Pattern(unchecked(firstData + (uint)i)))
            {
                errors.Add($"payload byte {i} is not the application's byte");
            }
        }

        if (errors.Count > 0)
        {
            throw new ScriptFailure($"{where}\n  actual: {actual}\n  " + string.Join("; ", errors) + Pending());
        }
    }

    private void CompareOptions(ScriptSegment s, in TcpHeader h, List<string> errors)
    {
        ref readonly TcpOptions o = ref h.Options;
        if (o.HasMss != s.HasMss || (s.HasMss && o.Mss != s.Mss))
        {
            errors.Add("mss differs");
        }

        if (o.HasWindowScale != s.HasWindowScale || (s.HasWindowScale && o.WindowScale != s.WindowScale))
        {
            errors.Add("wscale differs");
        }

        if (o.SackPermitted != s.SackPermitted)
        {
            errors.Add("sackOK differs");
        }

        if (o.HasTimestamps != s.HasTimestamps
            || (s.TsVal is uint val && o.TsVal != val)
            || (s.TsEcr is uint ecr && o.TsEcr != ecr))
        {
            errors.Add("timestamps differ");
        }

        bool sackSame = o.SackCount == s.Sack.Count;
        for (int i = 0; sackSame && i < s.Sack.Count; i++)
        {
            sackSame = unchecked(o.Sack[i].Left.Value - remoteIsn) == s.Sack[i].Left
                && unchecked(o.Sack[i].Right.Value - remoteIsn) == s.Sack[i].Right;
        }

        if (!sackSame)
        {
            errors.Add("sack blocks differ");
        }
    }

    private void Command(string[] c)
    {
        switch (c[0])
        {
            case "listen":
                listener = Engine.Listen(LocalAddress, LocalPort, c.Length > 3 ? Int(c[3]) : 16);
                break;
            case "connect":
                connection = Engine.Connect(LocalAddress, LocalPort, RemoteAddress, RemotePort);
                break;
            case "accept":
                connection = (listener ?? throw Fail("no listener")).Accept() ?? throw Fail("no connection to accept");
                break;
            case "noaccept":
                Check((listener ?? throw Fail("no listener")).ReadyCount == 0, "a connection is ready to accept");
                break;
            case "write":
                Write(Int(c[1]), c.Length > 3 ? Int(c[3]) : Int(c[1]));
                break;
            case "read":
                Read(Int(c[1]));
                break;
            case "readable":
                Check(Connection.ReadableBytes == Int(c[1]), $"readable is {Connection.ReadableBytes}");
                break;
            case "eof":
                Check(Connection.IsEndOfStream, "not at end of stream");
                break;
            case "close":
                Connection.Close();
                break;
            case "lclose":
                (listener ?? throw Fail("no listener")).Close();
                break;
            case "abort":
                Connection.Abort();
                break;
            case "state":
                Check(Connection.State.ToString().Equals(c[1].Replace("_", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase), $"state is {Connection.State}");
                break;
            case "error":
                Check(Connection.Error.ToString() == c[1], $"error is {Connection.Error}");
                break;
            case "connections":
                Check(Engine.ConnectionCount == Int(c[1]), $"engine has {Engine.ConnectionCount} connections");
                break;
            case "stat":
                long value = (long)typeof(TcpStats).GetField(c[1], BindingFlags.Public | BindingFlags.Instance)!.GetValue(Engine.Stats)!;
                Check(value == Int(c[2]), $"{c[1]} is {value}");
                break;
            case "cwnd":
                Check(Connection.CongestionWindow == Int(c[1]), $"cwnd is {Connection.CongestionWindow}");
                break;
            case "rto":
                long expected = (long)(decimal.Parse(c[1], CultureInfo.InvariantCulture) * 1_000_000_000m);
                Check(Connection.RetransmissionTimeout == expected, $"rto is {Seconds(Connection.RetransmissionTimeout)}");
                break;
            default:
                throw new FormatException($"unknown command '{c[0]}'");
        }
    }

    private void Write(int count, int expectQueued)
    {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++)
        {
            data[i] = Pattern(unchecked(written + 1 + (uint)i));
        }

        DemiError error = Connection.Send(data, out int queued);
        Check(error == DemiError.None, $"send failed with {error}");
        Check(queued == expectQueued, $"queued {queued} bytes");
        written += (uint)queued;
    }

    private void Read(int count)
    {
        byte[] data = new byte[count];
        int n = Connection.Receive(data);
        Check(n == count, $"read {n} bytes");
        for (int i = 0; i < n; i++)
        {
            Check(data[i] == Pattern(unchecked(read + 1 + (uint)i)), $"byte {i} read is not the peer's byte");
        }

        read += (uint)n;
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw Fail(message);
        }
    }

    private ScriptFailure Fail(string message) => new($"{where}\n  {message}{Pending()}");

    private void ExpectNothingPending()
    {
        if (outbound.Count > 0)
        {
            throw new ScriptFailure($"{where}\n  unexpected segments{Pending()}");
        }
    }

    private string Pending()
    {
        var b = new System.Text.StringBuilder();
        foreach ((long time, byte[] bytes) in outbound)
        {
            TcpHeader.TryParse(bytes, out TcpHeader h);
            b.Append($"\n  sent: {Seconds(time)} > {ScriptSegment.Render(in h, bytes.Length - h.HeaderLength, localIsn, remoteIsn)}");
        }

        return b.ToString();
    }

    private static string Seconds(long ns) => (ns / 1e9).ToString("0.000###", CultureInfo.InvariantCulture);
}

/// <summary>A script's expectation failed; the message names the line and what the engine did instead.</summary>
internal sealed class ScriptFailure(string message) : Exception(message);
