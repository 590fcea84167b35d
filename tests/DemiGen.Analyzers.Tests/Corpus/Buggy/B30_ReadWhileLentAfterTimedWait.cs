// Bug (DEMI101): A wait with a timeout may leave the push pending.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class ReadWhileLentAfterTimedWait
{
    public static void Run(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        os.Wait(push, TimeSpan.FromMilliseconds(5));
        Console.WriteLine(sga.Span[0]); // expect: DEMI101
        os.Wait(push);
        os.SgaFree(sga);
    }
}
