// Bug (DEMI002): An allocation with no free at all.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class AllocNeverFreed
{
    public static int Run(LibOS os)
    {
        Sga sga = os.SgaAlloc(16); // expect: DEMI002
        sga.Span.Fill(1);
        return sga.Length;
    }
}
