using System.Globalization;
using System.Text;
using DemiGen.Inet.Tcp;

namespace DemiGen.Tcp.Tests.Scripting;

/// <summary>
/// A segment as a script writes it, packetdrill-style: <c>P. 1:1001(1000) ack 1 win 64 &lt;nop,nop,TS val 5 ecr 3&gt;</c>.
/// Sequence numbers are relative to the sender's ISN, ACK numbers and SACK blocks to the receiver's.
/// Fields left out of an expectation are not checked; <c>*</c> matches anything.
/// </summary>
internal sealed class ScriptSegment
{
    public TcpFlags Flags;
    public uint Start;
    public uint End;
    public int Length;
    public uint? Ack;
    public int? Window;
    public bool HasOptions;
    public bool HasMss;
    public int Mss;
    public bool HasWindowScale;
    public int WindowScale;
    public bool SackPermitted;
    public bool HasTimestamps;
    public uint? TsVal;
    public uint? TsEcr;
    public List<(uint Left, uint Right)> Sack = [];
    public bool CorruptChecksum;
    public ushort? Port;

    public static ScriptSegment Parse(string text)
    {
        var s = new ScriptSegment();
        string head = text;
        int lt = text.IndexOf('<', StringComparison.Ordinal);
        if (lt >= 0)
        {
            int gt = text.LastIndexOf('>');
            if (gt < lt)
            {
                throw new FormatException($"unclosed options in '{text}'");
            }

            s.HasOptions = true;
            s.ParseOptions(text[(lt + 1)..gt]);
            head = text[..lt] + " " + text[(gt + 1)..];
        }

        string[] t = head.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        s.Flags = ParseFlags(t[0]);
        string range = t[1];
        int colon = range.IndexOf(':', StringComparison.Ordinal);
        int paren = range.IndexOf('(', StringComparison.Ordinal);
        s.Start = ParseU32(range[..colon]);
        s.End = ParseU32(range[(colon + 1)..paren]);
        s.Length = int.Parse(range[(paren + 1)..^1], CultureInfo.InvariantCulture);
        if (unchecked(s.End - s.Start) != (uint)s.Length)
        {
            throw new FormatException($"'{range}': end - start is not the length");
        }

        for (int i = 2; i < t.Length; i++)
        {
            switch (t[i])
            {
                case "ack":
                    s.Ack = ParseU32(t[++i]);
                    break;
                case "win":
                    s.Window = t[++i] == "*" ? null : int.Parse(t[i], CultureInfo.InvariantCulture);
                    break;
                case "port":
                    s.Port = ushort.Parse(t[++i], CultureInfo.InvariantCulture);
                    break;
                case "corrupt":
                    s.CorruptChecksum = true;
                    break;
                default:
                    throw new FormatException($"unknown segment field '{t[i]}' in '{text}'");
            }
        }

        return s;
    }

    private static TcpFlags ParseFlags(string text)
    {
        TcpFlags f = TcpFlags.None;
        foreach (char c in text)
        {
            f |= c switch
            {
                'S' => TcpFlags.Syn,
                'F' => TcpFlags.Fin,
                'R' => TcpFlags.Rst,
                'P' => TcpFlags.Psh,
                '.' => TcpFlags.Ack,
                _ => throw new FormatException($"unknown flag '{c}'"),
            };
        }

        return f;
    }

    private static uint ParseU32(string text) => uint.Parse(text, CultureInfo.InvariantCulture);

    private static uint? ParseWild(string text) => text == "*" ? null : ParseU32(text);

    private void ParseOptions(string text)
    {
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] t = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (t[0])
            {
                case "nop":
                case "eol":
                    break;
                case "mss":
                    HasMss = true;
                    Mss = int.Parse(t[1], CultureInfo.InvariantCulture);
                    break;
                case "wscale":
                    HasWindowScale = true;
                    WindowScale = int.Parse(t[1], CultureInfo.InvariantCulture);
                    break;
                case "sackOK":
                    SackPermitted = true;
                    break;
                case "TS":
                    HasTimestamps = true;
                    TsVal = ParseWild(t[2]);
                    TsEcr = ParseWild(t[4]);
                    break;
                case "sack":
                    for (int i = 1; i < t.Length; i++)
                    {
                        string[] lr = t[i].Split(':');
                        Sack.Add((ParseU32(lr[0]), ParseU32(lr[1])));
                    }

                    break;
                default:
                    throw new FormatException($"unknown option '{raw}'");
            }
        }
    }

    /// <summary>Renders a received header in script syntax, relative to the given ISNs.</summary>
    public static string Render(in TcpHeader h, int payloadLength, uint senderIsn, uint receiverIsn)
    {
        var b = new StringBuilder();
        if (h.Has(TcpFlags.Syn))
        {
            b.Append('S');
        }

        if (h.Has(TcpFlags.Fin))
        {
            b.Append('F');
        }

        if (h.Has(TcpFlags.Rst))
        {
            b.Append('R');
        }

        if (h.Has(TcpFlags.Psh))
        {
            b.Append('P');
        }

        if (h.Has(TcpFlags.Ack))
        {
            b.Append('.');
        }

        uint start = unchecked(h.Seq.Value - senderIsn);
        b.Append(CultureInfo.InvariantCulture, $" {start}:{unchecked(start + (uint)payloadLength)}({payloadLength})");
        if (h.Has(TcpFlags.Ack))
        {
            b.Append(CultureInfo.InvariantCulture, $" ack {unchecked(h.Ack.Value - receiverIsn)}");
        }

        b.Append(CultureInfo.InvariantCulture, $" win {h.Window}");
        var o = new List<string>();
        if (h.Options.HasMss)
        {
            o.Add($"mss {h.Options.Mss}");
        }

        if (h.Options.SackPermitted)
        {
            o.Add("sackOK");
        }

        if (h.Options.HasTimestamps)
        {
            o.Add($"TS val {h.Options.TsVal} ecr {h.Options.TsEcr}");
        }

        if (h.Options.HasWindowScale)
        {
            o.Add($"wscale {h.Options.WindowScale}");
        }

        if (h.Options.SackCount > 0)
        {
            var blocks = new List<string>();
            for (int i = 0; i < h.Options.SackCount; i++)
            {
                blocks.Add($"{unchecked(h.Options.Sack[i].Left.Value - receiverIsn)}:{unchecked(h.Options.Sack[i].Right.Value - receiverIsn)}");
            }

            o.Add("sack " + string.Join(' ', blocks));
        }

        b.Append(" <").Append(string.Join(',', o)).Append('>');
        return b.ToString();
    }
}
