// Bug (DEMI006): A lent buffer added to a list.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class LentIntoList
{
    private static readonly List<Sga> Pending = new();

    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        DemiOperation push = os.PushAsync(qd, sga);
        Pending.Add(sga); // expect: DEMI006
        await push;
    }
}
