// Bug (DEMI004): A close that is never awaited.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class LostClose
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        await os.YieldAsync();
        os.CloseAsync(qd); // expect: DEMI004
    }
}
