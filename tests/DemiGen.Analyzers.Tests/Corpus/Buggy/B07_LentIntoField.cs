// Bug (DEMI006): A lent buffer stored in a field before the push completes.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class LentIntoField
{
    private static Sga inFlight;

    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        DemiOperation push = os.PushAsync(qd, sga);
        inFlight = sga; // expect: DEMI006
        await push;
    }
}
