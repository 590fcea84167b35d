using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DemiGen.Samples.Echo;

/// <summary>A latency client: one connection (or UDP socket), ping-pong round trips, percentiles of the round-trip time.</summary>
public static class EchoClient
{
    /// <summary>
    /// Runs <paramref name="warmup"/> round trips, then one per element of <paramref name="rttTicks"/>, of
    /// <paramref name="size"/> bytes each, and stores each measured round trip there. Returns the error that ended it early, if any.
    /// </summary>
    public static async DemiTask<DemiError> Measure(LibOS os, IPEndPoint server, bool udp, int size, int warmup, long[] rttTicks)
    {
        QDesc qd = os.Socket(server.AddressFamily, udp ? SocketType.Dgram : SocketType.Stream);
        QResult connected = await os.ConnectAsync(qd, server);
        if (connected.Failed)
        {
            await os.CloseAsync(qd);
            return connected.Error;
        }

        Sga request = os.SgaAlloc(size);
        request.Span.Fill((byte)'x');
        DemiError error = DemiError.None;
        for (int i = -warmup; i < rttTicks.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            QResult pushed = await os.PushAsync(qd, request);
            error = pushed.Error;
            int received = 0;
            while (error == DemiError.None && received < size)
            {
                QResult popped = await os.PopAsync(qd);
                error = popped.Failed ? popped.Error : popped.Sga.IsEmpty ? DemiError.ECONNRESET : DemiError.None;
                received += popped.Sga.Length;
                os.SgaFree(popped.Sga);
            }

            if (error != DemiError.None)
            {
                break;
            }

            if (i >= 0)
            {
                rttTicks[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        os.SgaFree(request);
        await os.CloseAsync(qd);
        return error;
    }

    /// <summary>Runs <see cref="Measure"/> to its end on the calling thread and returns its error.</summary>
    public static DemiError MeasureToEnd(LibOS os, IPEndPoint server, bool udp, int size, int warmup, long[] rttTicks)
    {
        DemiError error = DemiError.None;
        DemiTask run = Store(Measure(os, server, udp, size, warmup, rttTicks), e => error = e);
        QResult finished = os.Wait(run.Token);
        return finished.Failed ? finished.Error : error;
    }

    /// <summary>Prints p50, p99 and p99.9 of the measured round trips in microseconds.</summary>
    public static void Report(long[] rttTicks, TextWriter output)
    {
        Array.Sort(rttTicks);
        double Percentile(double p) => rttTicks[Math.Min(rttTicks.Length - 1, (int)(p * rttTicks.Length))] * 1e6 / Stopwatch.Frequency;
        output.WriteLine($"round trips: {rttTicks.Length}  p50: {Percentile(0.50):F1} us  p99: {Percentile(0.99):F1} us  p99.9: {Percentile(0.999):F1} us");
    }

    private static async DemiTask Store(DemiTask<DemiError> task, Action<DemiError> store) => store(await task);
}
