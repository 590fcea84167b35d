// Correct: Reading only the length of a lent buffer is allowed.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class LengthWhileLent
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(32);
        DemiOperation push = os.PushAsync(qd, sga);
        Console.WriteLine(sga.Length);
        await push;
        os.SgaFree(sga);
    }
}
