// Bug (DEMI002): A popped result awaited and dropped.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class PopResultDropped
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        await os.PopAsync(qd); // expect: DEMI002
        await os.CloseAsync(qd);
    }
}
