using System.Text;
using DemiGen;
using DemiKV.Server;

namespace DemiKV.Tests.Support;

/// <summary>
/// A DemiKV connection handler served over two in-memory Catmem queues (requests in, replies out): the
/// [DemiHandler] connection loop proven without sockets.
/// </summary>
internal sealed class CatmemConnection : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public CatmemConnection(KvStore? store = null)
    {
        OS = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { CheckedMemory = true });
        Store = store ?? new KvStore(OS.Clock);
        Requests = OS.CreateQueue();
        Replies = OS.CreateQueue();
        Handler = KvHandlers.ServeConnection(OS, Requests, Replies, Store);
    }

    public LibOS OS { get; }

    public KvStore Store { get; }

    public QDesc Requests { get; }

    public QDesc Replies { get; }

    public DemiTask Handler { get; }

    public void Send(string request)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(request);
        Sga sga = OS.SgaAlloc(bytes.Length);
        sga.CopyFrom(bytes);
        QResult pushed = OS.Wait(OS.Push(Requests, sga), Patience);
        OS.SgaFree(sga);
        Assert.False(pushed.Failed, pushed.ToString());
    }

    /// <summary>Pops replies until <paramref name="length"/> bytes have arrived.</summary>
    public string Receive(int length)
    {
        StringBuilder text = new();
        while (text.Length < length)
        {
            QResult popped = OS.Wait(OS.Pop(Replies), Patience);
            Assert.False(popped.Failed, popped.ToString());
            text.Append(Encoding.Latin1.GetString(popped.Sga.ToArray()));
            OS.SgaFree(popped.Sga);
        }

        return text.ToString();
    }

    public string Roundtrip(string request, string expected)
    {
        Send(request);
        return Receive(expected.Length);
    }

    /// <summary>Runs the libOS until the handler has finished (it closed its side).</summary>
    public void WaitForHandlerToFinish()
    {
        QResult done = OS.Wait(Handler.Token, Patience);
        Assert.NotEqual(DemiError.ETIMEDOUT, done.Error);
    }

    public void Dispose() => OS.Dispose();
}
