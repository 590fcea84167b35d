// Bug (DEMI006): A lent buffer passed by ref while pending.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class LentOutArgument
{
    public static void Run(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        Replace(ref sga); // expect: DEMI006
        os.Wait(push);
    }

    private static void Replace(ref Sga sga) => sga = default;
}
