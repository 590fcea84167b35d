using DemiKV.Tests.Support;

namespace DemiKV.Tests;

/// <summary>The same script against DemiKV (on Catnap) and a real redis-server: every reply must match.</summary>
[Collection(NetworkCollection.Name)]
public sealed class DifferentialTests
{
    [Fact]
    public void DemiKVAnswersTheScriptExactlyAsRedisServerDoes()
    {
        using ServerProcess redis = ServerProcess.Redis();
        using InProcessServer demikv = new();
        using RespConnection expected = new(redis.EndPoint);
        using RespConnection actual = new(demikv.EndPoint);
        List<string> differences = [];
        foreach (string[] command in DifferentialScript.Commands())
        {
            string want = expected.Call(command);
            string got = actual.Call(command);
            if (DifferentialScript.RandomPick.Contains(command[0]) && !IsForcedPick(command))
            {
                want = Shape(want);
                got = Shape(got);
            }
            else if (DifferentialScript.Unordered.Contains(command[0]))
            {
                want = Sorted(want);
                got = Sorted(got);
            }

            if (want != got)
            {
                differences.Add($"{string.Join(' ', command)}\n  redis:  {Escape(want)}\n  demikv: {Escape(got)}");
            }
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences));
        Assert.True(expected.ServerClosed(), "redis-server closes after QUIT");
        Assert.True(actual.ServerClosed(), "DemiKV closes after QUIT");
    }

    [Fact]
    public void ProtocolErrorsCloseTheConnectionAsRedisServerDoes()
    {
        using ServerProcess redis = ServerProcess.Redis();
        using InProcessServer demikv = new();
        foreach (string garbage in new[] { "*1\r\n$x\r\n", "*abc\r\n", "*1\r\n:1\r\n", "SET k \"open\r\n" })
        {
            using RespConnection expected = new(redis.EndPoint);
            using RespConnection actual = new(demikv.EndPoint);
            expected.Send(garbage);
            actual.Send(garbage);
            Assert.Equal(expected.ReadReply(), actual.ReadReply());
            Assert.True(expected.ServerClosed());
            Assert.True(actual.ServerClosed());
        }
    }

    // A pick from a one-member set (keys named s1 in the script) can only give that member: compared in full.
    private static bool IsForcedPick(string[] command) => command.Length > 1 && command[1] == "s1";

    // The kind of reply and, for an array or bulk string, its element count or whether it is nil.
    private static string Shape(string reply) => reply[0] switch
    {
        '*' => reply[..reply.IndexOf('\r', StringComparison.Ordinal)],
        '$' => reply.StartsWith("$-1", StringComparison.Ordinal) ? "$-1" : "$bulk",
        _ => reply,
    };

    private static string Sorted(string reply)
    {
        if (!reply.StartsWith('*'))
        {
            return reply;
        }

        string[] lines = reply.Split("\r\n");
        List<string> elements = [];
        for (int i = 2; i < lines.Length; i += 2)
        {
            elements.Add(lines[i]);
        }

        elements.Sort(StringComparer.Ordinal);
        return lines[0] + ":" + string.Join(",", elements);
    }

    private static string Escape(string text) => text.Replace("\r\n", "\\r\\n", StringComparison.Ordinal);
}
