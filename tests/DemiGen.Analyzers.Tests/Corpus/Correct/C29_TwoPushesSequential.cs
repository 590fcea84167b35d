// Correct: Two pushes of two buffers, each awaited before its buffer is touched.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class TwoPushesSequential
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga header = os.SgaAlloc(4);
        Sga body = os.SgaAlloc(16);
        DemiOperation first = os.PushAsync(qd, header);
        DemiOperation second = os.PushAsync(qd, body);
        await first;
        os.SgaFree(header);
        await second;
        os.SgaFree(body);
    }
}
