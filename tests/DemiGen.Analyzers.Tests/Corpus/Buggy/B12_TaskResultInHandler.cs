// Bug (DEMI005): .Result inside a handler.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class TaskResultInHandler
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Task<int> lookup = Task.FromResult(1);
        int value = lookup.Result; // expect: DEMI005
        Console.WriteLine(value);
        await os.CloseAsync(qd);
    }
}
