// Correct: An accept loop that spawns a handler per connection.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class AcceptLoop
{
    [DemiHandler]
    public static async DemiTask Listen(LibOS os, QDesc listener)
    {
        while (true)
        {
            QResult accepted = await os.AcceptAsync(listener);
            if (accepted.Failed) break;
            os.Spawn(Serve(os, accepted.Accepted));
        }
    }

    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd) => await os.CloseAsync(qd);
}
