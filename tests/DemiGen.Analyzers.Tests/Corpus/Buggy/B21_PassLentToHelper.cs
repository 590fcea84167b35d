// Bug (DEMI001): A lent buffer handed to a borrowing helper before completion.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class PassLentToHelper
{
    public static void Run(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        Dump(sga); // expect: DEMI001
        os.Wait(push);
        os.SgaFree(sga);
    }

    private static void Dump(Sga sga) => Console.WriteLine(sga.Length);
}
