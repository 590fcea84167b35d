// Bug (DEMI003): Ownership given away, then freed by the caller too.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class TakesOwnershipThenFree
{
    public static void Run(LibOS os)
    {
        Sga sga = os.SgaAlloc(8);
        Consume(os, sga);
        os.SgaFree(sga); // expect: DEMI003
    }

    private static void Consume(LibOS os, [TakesOwnership] Sga sga) => os.SgaFree(sga);
}
