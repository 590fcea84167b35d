// Correct: Each early return frees first.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class EarlyReturnFree
{
    public static bool Check(LibOS os)
    {
        Sga sga = os.SgaAlloc(8);
        if (sga.Span[0] != 0)
        {
            os.SgaFree(sga);
            return false;
        }

        os.SgaFree(sga);
        return true;
    }
}
