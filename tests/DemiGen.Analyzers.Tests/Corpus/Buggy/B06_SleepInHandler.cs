// Bug (DEMI005): Thread.Sleep inside a handler.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class SleepInHandler
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Thread.Sleep(100); // expect: DEMI005
        await os.CloseAsync(qd);
    }
}
