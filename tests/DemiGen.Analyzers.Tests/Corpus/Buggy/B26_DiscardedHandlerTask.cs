// Bug (DEMI004): A helper task started and dropped.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class DiscardedHandlerTask
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Log(os); // expect: DEMI004
        await os.CloseAsync(qd);
    }

    private static async DemiTask Log(LibOS os) => await os.YieldAsync();
}
