// Bug (DEMI001): The same buffer pushed again while the first push is pending.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class PushTwice
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        DemiOperation first = os.PushAsync(qd, sga);
        DemiOperation second = os.PushAsync(qd, sga); // expect: DEMI001
        await first;
        await second;
        os.SgaFree(sga);
    }
}
