using System.Text;
using CsCheck;
using DemiKV.Protocol;
using DemiKV.Tests.Support;

namespace DemiKV.Tests;

/// <summary>Property-based fuzzing of the request parser and of a whole session fed arbitrary bytes.</summary>
public sealed class ParserPropertyTests
{
    private static readonly Gen<byte[][][]> Commands = Gen.Byte.Array[0, 40].Array[1, 5].Array[1, 8];

    private static readonly string[] Tokens =
    [
        "*", "$", "\r\n", "\n", "\r", "0", "1", "2", "3", "-1", "10", "PING", "ECHO", "SET", "GET", "INCR", "LPUSH",
        "LRANGE", "DEL", "k", "v", " ", "\"", "'", "\\", "\\x4", "x", "\0", "\u00ff",
    ];

    private static readonly Gen<byte[]> Garbage =
        Gen.Frequency((6, Gen.OneOf(Tokens).Select(t => Encoding.Latin1.GetBytes(t))), (1, Gen.Byte.Array[1, 3]))
            .Array[0, 80]
            .Select(parts => parts.SelectMany(p => p).ToArray());

    [Fact]
    public void EncodedCommandsParseBackWhateverTheChunking()
    {
        Gen.Select(Commands, Gen.Int[1, 50]).Sample((commands, chunk) =>
        {
            byte[] wire = commands.SelectMany(Encode).ToArray();
            List<byte[][]> parsed = ParseInChunks(wire, chunk);
            Assert.Equal(commands.Length, parsed.Count);
            for (int i = 0; i < commands.Length; i++)
            {
                Assert.Equal(commands[i], parsed[i]);
            }
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void ArbitraryBytesGetTheSameRepliesWhateverTheChunking()
    {
        Gen.Select(Garbage, Gen.Int[1, 9]).Sample((input, chunk) =>
        {
            using KvHarness whole = new();
            using KvHarness pieces = new();
            string expected = whole.Send(input);
            StringBuilder actual = new();
            for (int offset = 0; offset < input.Length; offset += chunk)
            {
                actual.Append(pieces.Send(input.AsSpan(offset, Math.Min(chunk, input.Length - offset)).ToArray()));
            }

            Assert.Equal(expected, actual.ToString());
            Assert.Equal(whole.Session.CloseRequested, pieces.Session.CloseRequested);
            if (whole.Session.CloseRequested)
            {
                Assert.Contains("-ERR Protocol error: ", expected);
            }

            Assert.True(WellFormedReplies(expected), expected);
        }, iter: 300, threads: 1);
    }

    private static byte[] Encode(byte[][] command)
    {
        List<byte> wire = [.. Encoding.ASCII.GetBytes($"*{command.Length}\r\n")];
        foreach (byte[] arg in command)
        {
            wire.AddRange(Encoding.ASCII.GetBytes($"${arg.Length}\r\n"));
            wire.AddRange(arg);
            wire.AddRange("\r\n"u8.ToArray());
        }

        return [.. wire];
    }

    // Feeds the parser the way a connection does: the pending request's bytes, plus each new chunk appended.
    private static List<byte[][]> ParseInChunks(byte[] wire, int chunk)
    {
        RespParser parser = new(new RespLimits());
        List<byte[][]> parsed = [];
        List<byte> pending = [];
        for (int offset = 0; offset < wire.Length; offset += chunk)
        {
            pending.AddRange(wire.AsSpan(offset, Math.Min(chunk, wire.Length - offset)).ToArray());
            byte[] buffer = [.. pending];
            int used = 0;
            while (used < buffer.Length)
            {
                ParseStatus status = parser.Parse(buffer.AsSpan(used), out Arguments args, out int consumed);
                Assert.NotEqual(ParseStatus.ProtocolError, status);
                if (status == ParseStatus.Incomplete)
                {
                    break;
                }

                byte[][] command = new byte[args.Count][];
                for (int i = 0; i < args.Count; i++)
                {
                    command[i] = args[i].ToArray();
                }

                parsed.Add(command);
                used += consumed;
            }

            pending.RemoveRange(0, used);
        }

        Assert.Empty(pending);
        return parsed;
    }

    // Every reply is one complete RESP2 value: a simple string, error, integer, bulk or array of them.
    private static bool WellFormedReplies(string text)
    {
        int position = 0;
        while (position < text.Length)
        {
            if (!ReadValue(text, ref position))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadValue(string text, ref int position)
    {
        int lineEnd = text.IndexOf("\r\n", position, StringComparison.Ordinal);
        if (lineEnd < 0)
        {
            return false;
        }

        char kind = text[position];
        string line = text[(position + 1)..lineEnd];
        position = lineEnd + 2;
        switch (kind)
        {
            case '+' or '-':
                return true;
            case ':':
                return long.TryParse(line, out _);
            case '$':
                if (!int.TryParse(line, out int length))
                {
                    return false;
                }

                if (length < 0)
                {
                    return length == -1;
                }

                position += length + 2;
                return position <= text.Length && text[(position - 2)..position] == "\r\n";
            case '*':
                if (!int.TryParse(line, out int count))
                {
                    return false;
                }

                for (int i = 0; i < count; i++)
                {
                    if (!ReadValue(text, ref position))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
