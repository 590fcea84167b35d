// Correct: Awaiting a handler-local helper task and a helper that returns an operation.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class ChainedHelpers
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        await Step(os);
        await Close(os, qd);
    }

    private static async DemiTask Step(LibOS os) => await os.YieldAsync();

    private static DemiOperation Close(LibOS os, QDesc qd) => os.CloseAsync(qd);
}
