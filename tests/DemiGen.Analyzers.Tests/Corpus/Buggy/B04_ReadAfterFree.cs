// Bug (DEMI003): Read after free.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class ReadAfterFree
{
    public static byte Run(LibOS os)
    {
        Sga sga = os.SgaAlloc(4);
        os.SgaFree(sga);
        return sga.Span[0]; // expect: DEMI003
    }
}
