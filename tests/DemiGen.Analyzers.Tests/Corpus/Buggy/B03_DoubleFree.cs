// Bug (DEMI003): Freed twice.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class DoubleFree
{
    public static void Run(LibOS os)
    {
        Sga sga = os.SgaAlloc(4);
        os.SgaFree(sga);
        os.SgaFree(sga); // expect: DEMI003
    }
}
