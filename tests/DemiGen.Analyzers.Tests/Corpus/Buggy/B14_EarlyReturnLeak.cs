// Bug (DEMI102): An early return skips the free on one path.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class EarlyReturnLeak
{
    public static bool Run(LibOS os, bool check)
    {
        Sga sga = os.SgaAlloc(8); // expect: DEMI102
        if (check)
        {
            return false;
        }

        os.SgaFree(sga);
        return true;
    }
}
