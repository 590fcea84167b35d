// Bug (DEMI005): Task.Delay(..).Wait() inside a handler.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class TaskDelayWaitInHandler
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Task.Delay(10).Wait(); // expect: DEMI005
        await os.CloseAsync(qd);
    }
}
