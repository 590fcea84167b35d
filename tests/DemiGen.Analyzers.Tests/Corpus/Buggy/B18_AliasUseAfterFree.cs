// Bug (DEMI003): Freed through one name, read through an alias.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class AliasUseAfterFree
{
    public static void Run(LibOS os)
    {
        Sga sga = os.SgaAlloc(8);
        Sga copy = sga;
        os.SgaFree(sga);
        copy.Span[0] = 1; // expect: DEMI003
    }
}
