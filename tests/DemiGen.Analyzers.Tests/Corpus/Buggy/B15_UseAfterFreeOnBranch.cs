// Bug (DEMI103): Freed on one branch, used after the join.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class UseAfterFreeOnBranch
{
    public static void Run(LibOS os, bool drop)
    {
        Sga sga = os.SgaAlloc(8);
        if (drop)
        {
            os.SgaFree(sga);
            sga = default;
        }
        else
        {
            os.SgaFree(sga);
        }

        Console.WriteLine(sga.Length); // expect: DEMI103
    }
}
