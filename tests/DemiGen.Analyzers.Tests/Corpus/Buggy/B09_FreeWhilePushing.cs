// Bug (DEMI001): Freed before the push's token completed.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class FreeWhilePushing
{
    public static void Run(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        QToken push = os.Push(qd, sga);
        os.SgaFree(sga); // expect: DEMI001
        os.Wait(push);
    }
}
