// Bug (DEMI006): A lent buffer captured by a lambda.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class LentIntoLambda
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        DemiOperation push = os.PushAsync(qd, sga);
        Action log = () => Console.WriteLine(sga.Length); // expect: DEMI006
        await push;
        log();
    }
}
