using System.Text;
using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

public sealed class SessionProtocolTests : IDisposable
{
    private readonly KvHarness kv = new();

    public void Dispose() => kv.Dispose();

    [Fact]
    public void PipelinedRequestsAreAnsweredInOrder()
    {
        string batch = Encode("SET", "a", "1") + Encode("INCR", "a") + "GET a\r\n" + Encode("PING");
        Assert.Equal(Ok + Int(2) + Bulk("2") + "+PONG\r\n", kv.Send(batch));
    }

    [Fact]
    public void ARequestSplitOverManyPopsRunsOnceComplete()
    {
        byte[] request = Encoding.ASCII.GetBytes(Encode("SET", "key", new string('v', 5000)) + Encode("GET", "key"));
        StringBuilder replies = new();
        for (int offset = 0; offset < request.Length; offset += 7)
        {
            replies.Append(kv.Send(request.AsSpan(offset, Math.Min(7, request.Length - offset)).ToArray()));
        }

        Assert.Equal(Ok + Bulk(new string('v', 5000)), replies.ToString());
        Assert.Equal(0, kv.Session.BufferedBytes);
    }

    [Fact]
    public void InlineCommandsSplitAcrossPopsWork()
    {
        Assert.Equal(string.Empty, kv.Send("SET k \"hello"));
        Assert.Equal(string.Empty, kv.Send(" world\""));
        Assert.Equal(Ok, kv.Send("\r\n"));
        Assert.Equal(Bulk("hello world"), kv.Send("GET k\n"));
    }

    [Fact]
    public void AProtocolErrorRunsWhatCameBeforeThenClosesWithoutRunningMore()
    {
        string reply = kv.Send(Encode("SET", "a", "1") + "*1\r\n$x\r\n" + Encode("SET", "b", "2"));
        Assert.Equal(Ok + Err("ERR Protocol error: invalid bulk length"), reply);
        Assert.True(kv.Session.CloseRequested);
        Assert.Equal(string.Empty, kv.Send(Encode("PING")));

        using KvHarness other = new(kv.Store);
        Assert.Equal(Bulk("1"), other.Command("GET", "a"));
        Assert.Equal(Nil, other.Command("GET", "b"));
    }

    [Fact]
    public void ErrorRepliesKeepTheConnectionOpen()
    {
        Assert.Equal(Err("ERR unknown command 'NOPE', with args beginning with: "), kv.Send("NOPE\r\n"));
        Assert.False(kv.Session.CloseRequested);
        Assert.Equal("+PONG\r\n", kv.Send("PING\r\n"));
    }

    [Fact]
    public void CommandsCanBeBinary()
    {
        string key = "k\0\r\n\u00ff";
        kv.Command("SET", key, "\0\u0001");
        Assert.Equal(Bulk("\0\u0001"), kv.Command("GET", key));
    }
}
