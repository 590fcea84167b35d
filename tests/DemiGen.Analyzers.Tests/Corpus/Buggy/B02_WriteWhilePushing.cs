// Bug (DEMI001): The buffer is written while its push is pending.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class WriteWhilePushing
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        DemiOperation push = os.PushAsync(qd, sga);
        sga.Span[0] = 42; // expect: DEMI001
        await push;
        os.SgaFree(sga);
    }
}
