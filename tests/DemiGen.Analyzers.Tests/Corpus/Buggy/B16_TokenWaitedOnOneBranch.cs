// Bug (DEMI104): A close token waited only on one branch.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class TokenWaitedOnOneBranch
{
    public static void Run(LibOS os, QDesc qd, bool wait)
    {
        QToken close = os.Close(qd); // expect: DEMI104
        if (wait)
        {
            os.Wait(close);
        }
    }
}
