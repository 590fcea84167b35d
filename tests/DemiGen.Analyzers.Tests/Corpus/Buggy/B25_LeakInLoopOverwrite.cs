// Bug (DEMI002): Each iteration overwrites the previous allocation.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class LeakInLoopOverwrite
{
    public static void Run(LibOS os, QDesc qd)
    {
        for (int i = 0; i < 4; i++)
        {
            Sga sga = os.SgaAlloc(8); // expect: DEMI002
            os.Wait(os.Push(qd, sga));
        }
    }
}
