// Bug (DEMI005): A lock statement inside a handler.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class LockInHandler
{
    private static readonly object Gate = new();
    private static int count;

    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        lock (Gate) // expect: DEMI005
        {
            count++;
        }

        await os.CloseAsync(qd);
    }
}
