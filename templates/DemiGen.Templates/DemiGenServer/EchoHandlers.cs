using DemiGen;

namespace DemiGenServer;

/// <summary>
/// The server's handlers. [DemiHandler] makes the DemiGen generator compile each one into a struct coroutine that
/// the scheduler runs without allocating; the DemiGen analyzers check what the handlers do with buffers.
/// </summary>
public static partial class EchoHandlers
{
    /// <summary>Accepts connections until the listener is closed; each one gets its own detached coroutine.</summary>
    [DemiHandler]
    public static async DemiTask AcceptLoop(LibOS os, QDesc listener)
    {
        while (true)
        {
            QResult accepted = await os.AcceptAsync(listener);
            if (accepted.Error == DemiError.ECANCELED)
            {
                return;
            }

            // A failed accept (EMFILE, ENOBUFS) concerns one connection: keep accepting.
            if (!accepted.Failed)
            {
                os.Spawn(Serve(os, accepted.Accepted));
            }
        }
    }

    /// <summary>Echoes one connection until the peer closes it. Zero-copy: the popped buffer is pushed back as is.</summary>
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc connection)
    {
        while (true)
        {
            QResult popped = await os.PopAsync(connection);
            if (popped.Failed || popped.Sga.IsEmpty)
            {
                break;
            }

            Sga data = popped.Sga;
            QResult pushed = await os.PushAsync(connection, data);
            os.SgaFree(data);
            if (pushed.Failed)
            {
                break;
            }
        }

        await os.CloseAsync(connection);
    }
}
