// Bug (DEMI006): a lent buffer stored in a new record while its push is pending.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public readonly record struct Pending(Sga Body);

public static partial class LentIntoRecord
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        DemiOperation push = os.PushAsync(qd, sga);
        var pending = new Pending(sga); // expect: DEMI006
        await push;
        Console.WriteLine(pending.Body.Length);
    }
}
