using DemiGen;
using DemiKV.Server;
using DemiKV.Tests.Support;
using static DemiKV.Tests.Support.Resp;

namespace DemiKV.Tests;

public sealed class HandlerTests
{
    [Fact]
    public void TheConnectionHandlerServesPipelinedRequestsOverQueues()
    {
        using CatmemConnection connection = new();
        string expected = Ok + Bulk("v") + "+PONG\r\n";
        Assert.Equal(expected, connection.Roundtrip(Encode("SET", "k", "v") + Encode("GET", "k") + "PING\r\n", expected));
    }

    [Fact]
    public void TheHandlerKeepsAPartialRequestUntilTheRestArrives()
    {
        using CatmemConnection connection = new();
        string request = Encode("SET", "k", "split");
        connection.Send(request[..9]);
        connection.Send(request[9..]);
        Assert.Equal(Ok, connection.Receive(Ok.Length));
    }

    [Fact]
    public void QuitClosesTheConnectionAfterTheReply()
    {
        using CatmemConnection connection = new();
        Assert.Equal(Ok, connection.Roundtrip("QUIT\r\n", Ok));
        connection.WaitForHandlerToFinish();
        Assert.Equal(0, connection.Store.Stats.ConnectedClients);
    }

    [Fact]
    public void AProtocolErrorClosesOnlyThatConnection()
    {
        using CatmemConnection connection = new();
        string error = Err("ERR Protocol error: expected '$', got 'x'");
        Assert.Equal(error, connection.Roundtrip("*1\r\nxyz\r\n", error));
        connection.WaitForHandlerToFinish();
        Assert.Equal(1, connection.OS.Stats.OpenQueues);
    }

    [Fact]
    public void AClosedPeerEndsTheHandlerAndFreesItsBuffers()
    {
        using CatmemConnection connection = new();
        connection.Roundtrip("PING\r\n", "+PONG\r\n");
        connection.OS.Close(connection.Requests);
        connection.WaitForHandlerToFinish();
        Assert.Equal(0, connection.OS.Stats.LiveSgas);
    }

    [Fact]
    public void ManyConnectionsShareOneStore()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        KvStore store = new(os.Clock);
        const int Clients = 20;
        QDesc[] requests = new QDesc[Clients];
        QDesc[] replies = new QDesc[Clients];
        for (int i = 0; i < Clients; i++)
        {
            requests[i] = os.CreateQueue();
            replies[i] = os.CreateQueue();
            os.Spawn(KvHandlers.ServeConnection(os, requests[i], replies[i], store));
        }

        for (int i = 0; i < Clients; i++)
        {
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(Encode("INCR", "shared"));
            Sga sga = os.SgaAlloc(bytes.Length);
            sga.CopyFrom(bytes);
            os.Wait(os.Push(requests[i], sga));
            os.SgaFree(sga);
        }

        HashSet<string> values = [];
        for (int i = 0; i < Clients; i++)
        {
            QResult reply = os.Wait(os.Pop(replies[i]), TimeSpan.FromSeconds(5));
            values.Add(System.Text.Encoding.ASCII.GetString(reply.Sga.ToArray()));
            os.SgaFree(reply.Sga);
        }

        Assert.Equal(Clients, values.Count);
        Assert.Contains(Int(Clients), values);
    }

    [Fact]
    public void ActiveExpiryRunsOnTheLibOSTimer()
    {
        ManualClock clock = new(0, autoAdvance: true);
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock });
        KvStore store = new(clock);
        ServerLifetime lifetime = new();
        using (KvHarness setter = new(store))
        {
            setter.Command("SET", "k", "v", "PX", "50");
        }

        DemiTask expiry = KvHandlers.ExpireKeys(os, store, lifetime);
        os.Wait(os.DelayAsync(TimeSpan.FromMilliseconds(250)).Token);
        Assert.Equal(0, store[0].Count);
        lifetime.Stop();
        os.Wait(expiry.Token);
    }
}
