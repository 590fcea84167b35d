using System.Net;
using DemiGen.Samples.Echo;

namespace DemiGen.Catnap.Tests;

/// <summary>The echo sample's server on its own thread and libOS, stopped from the test thread.</summary>
internal sealed class EchoServerThread : IDisposable
{
    private readonly TaskCompletionSource stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread thread;
    private readonly TaskCompletionSource<int> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? failure;

    internal EchoServerThread(IPEndPoint local, LibOSOptions? options = null)
    {
        thread = new Thread(() =>
        {
            try
            {
                using LibOS os = LibOS.Create(LibOSKind.Catnap, options);
                QDesc listener = EchoServer.Open(os, local, udp: false);
                ready.SetResult(os.LocalEndPoint(listener).Port);
                EchoServer.Run(os, listener, udp: false, stop.Task);
            }
            catch (Exception e)
            {
                failure = e;
                ready.TrySetException(e);
            }
        })
        { IsBackground = true, Name = "echo-under-test" };
        thread.Start();
        Port = ready.Task.WaitAsync(Loopback.Patience).GetAwaiter().GetResult();
    }

    internal int Port { get; }

    public void Dispose()
    {
        stop.SetResult();
        Assert.True(thread.Join(Loopback.Patience), "the echo server did not stop");
        Assert.Null(failure);
    }
}
