using System.Text;
using System.Text.Json;
using DemiKV.Tests.Support;

namespace DemiKV.Tests;

/// <summary>
/// The regression corpus: protocol edge cases whose replies (and whether the connection was closed) were
/// recorded from Debian's redis-server 7.0.15 by Corpus/record-from-redis.py. DemiKV must answer byte for byte
/// the same, whether the input arrives in one pop or one byte per pop.
/// </summary>
public sealed class ProtocolCorpusTests
{
    public static TheoryData<string> CaseNames()
    {
        TheoryData<string> names = [];
        foreach (CorpusCase c in Load())
        {
            names.Add(c.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void RepliesLikeRedisInOnePop(string name)
    {
        CorpusCase c = Load().Single(x => x.Name == name);
        using KvHarness kv = new();
        Assert.Equal(c.Reply, kv.Send(c.Input));
        Assert.Equal(c.Closed, kv.Session.CloseRequested);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void RepliesLikeRedisOneBytePerPop(string name)
    {
        CorpusCase c = Load().Single(x => x.Name == name);
        using KvHarness kv = new();
        StringBuilder reply = new();
        foreach (byte b in Encoding.Latin1.GetBytes(c.Input))
        {
            reply.Append(kv.Send([b]));
        }

        Assert.Equal(c.Reply, reply.ToString());
        Assert.Equal(c.Closed, kv.Session.CloseRequested);
    }

    internal static IReadOnlyList<CorpusCase> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Corpus", "protocol-corpus.json");
        return JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    internal sealed record CorpusCase(string Name, string Input, string Reply, bool Closed);
}
