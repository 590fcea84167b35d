using System.Security.Cryptography;

namespace DemiGen.CatnipTcp.Tests;

/// <summary>
/// The client half of an echo transfer over a connected TCP queue: pushes <c>data</c> in chunks while popping the
/// echo, on one thread, through a wait function (a plain <see cref="LibOS.Wait"/>, or the simulated network's
/// driver). Returns the SHA-256 of what came back, which must equal the data's.
/// </summary>
internal static class EchoTransfer
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Runs the transfer; <paramref name="wait"/> waits up to a limit and returns a timeout result if the token is still pending.</summary>
    internal static byte[] Run(LibOS os, QDesc qd, byte[] data, Func<QToken, TimeSpan, QResult> wait, TimeSpan slice, TimeSpan limit, Func<string> describe)
    {
        using IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        int sent = 0;
        int received = 0;
        QToken? push = null;
        Sga pushed = default;
        QToken pop = os.Pop(qd);
        int slices = (int)Math.Max(1, limit / slice);
        for (int i = 0; received < data.Length; i++)
        {
            Assert.True(i < slices, $"echo transfer stalled: sent {sent}, received {received} of {data.Length} bytes; {describe()}");
            if (push is null && sent < data.Length)
            {
                int n = Math.Min(ChunkBytes, data.Length - sent);
                pushed = os.SgaAlloc(n);
                pushed.CopyFrom(data.AsSpan(sent, n));
                push = os.Push(qd, pushed);
                sent += n;
            }

            QResult r = wait(pop, slice);
            if (!IsTimeout(r, pop))
            {
                Assert.True(r.Error == DemiError.None, $"pop failed with {r.Error} after {received} bytes; {describe()}");
                Assert.False(r.Sga.IsEmpty, $"the peer closed after {received} of {data.Length} bytes; {describe()}");
                byte[] chunk = r.Sga.ToArray();
                os.SgaFree(r.Sga);
                hash.AppendData(chunk);
                received += chunk.Length;
                if (received < data.Length)
                {
                    pop = os.Pop(qd);
                }
            }

            if (push is QToken p)
            {
                QResult done = wait(p, TimeSpan.Zero);
                if (!IsTimeout(done, p))
                {
                    Assert.True(done.Error == DemiError.None, $"push failed with {done.Error} at {sent} bytes; {describe()}");
                    os.SgaFree(pushed);
                    push = null;
                }
            }
        }

        Assert.Null(push);
        return hash.GetHashAndReset();
    }

    /// <summary>A wait that ended by its timeout rather than by the operation: the token is still pending.</summary>
    internal static bool IsTimeout(QResult result, QToken qt) =>
        result.Error == DemiError.ETIMEDOUT && result.Opcode == DemiOpcode.Failed && result.QDesc == default && result.QToken == qt;

    /// <summary>Deterministic pseudo-random bytes.</summary>
    internal static byte[] Payload(int length, int seed)
    {
        byte[] data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
