// Bug (DEMI002): A lambda allocates and never frees.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class LeakInLambda
{
    public static Func<int> Make(LibOS os) => () =>
    {
        Sga sga = os.SgaAlloc(8); // expect: DEMI002
        return sga.Length;
    };
}
