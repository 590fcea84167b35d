using System.Text;
using DemiGen;
using DemiKV.Server;

namespace DemiKV.Tests.Support;

/// <summary>One client session on a Catmem libOS with a manual clock: feed it request bytes, read back the reply bytes.</summary>
internal sealed class KvHarness : IDisposable
{
    public KvHarness(KvStore? store = null, Protocol.RespLimits? limits = null)
    {
        Clock = new ManualClock(1_000_000_000_000, autoAdvance: false);
        OS = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = Clock, CheckedMemory = true });
        Store = store ?? new KvStore(Clock, limits);
        Session = new ClientSession(Store, OS);
    }

    public ManualClock Clock { get; }

    public LibOS OS { get; }

    public KvStore Store { get; }

    public ClientSession Session { get; }

    /// <summary>Feeds <paramref name="request"/> (Latin-1) and returns every reply byte written, as Latin-1 text.</summary>
    public string Send(string request) => Send(Encoding.Latin1.GetBytes(request));

    public string Send(byte[] request)
    {
        Session.Feed(request);
        return TakeReplies();
    }

    /// <summary>Sends one multibulk command built from <paramref name="parts"/>.</summary>
    public string Command(params string[] parts) => Send(Resp.Encode(parts));

    public string TakeReplies()
    {
        StringBuilder text = new();
        while (Session.Writer.TryTake(out Sga chunk))
        {
            text.Append(Encoding.Latin1.GetString(chunk.ToArray()));
            OS.SgaFree(chunk);
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Session.Dispose();
        OS.Dispose();
    }
}
