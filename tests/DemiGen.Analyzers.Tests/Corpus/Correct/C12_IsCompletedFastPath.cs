// Correct: Touching the buffer only once the push is seen complete.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class IsCompletedFastPath
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8);
        DemiOperation push = os.PushAsync(qd, sga);
        if (push.IsCompleted)
        {
            sga.Span[0] = 0;
        }

        await push;
        os.SgaFree(sga);
    }
}
