// Correct: One buffer per iteration, each freed in the same iteration.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class ForLoopAllocs
{
    public static void Run(LibOS os, QDesc qd)
    {
        for (int i = 0; i < 10; i++)
        {
            Sga sga = os.SgaAlloc(64);
            sga.Span[0] = (byte)i;
            os.Wait(os.Push(qd, sga));
            os.SgaFree(sga);
        }
    }
}
