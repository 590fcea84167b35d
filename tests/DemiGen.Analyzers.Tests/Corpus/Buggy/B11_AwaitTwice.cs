// Bug (DEMI004): An operation awaited twice.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class AwaitTwice
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        DemiOperation close = os.CloseAsync(qd);
        await close;
        await close; // expect: DEMI004
    }
}
