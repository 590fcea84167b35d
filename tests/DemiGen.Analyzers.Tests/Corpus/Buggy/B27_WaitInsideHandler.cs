// Bug (DEMI005): A blocking LibOS.Wait inside a handler.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class WaitInsideHandler
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        QResult closed = os.Wait(os.Close(qd)); // expect: DEMI005
        Console.WriteLine(closed.Opcode);
        await os.YieldAsync();
    }
}
