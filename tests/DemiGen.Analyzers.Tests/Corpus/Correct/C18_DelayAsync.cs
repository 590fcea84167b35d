// Correct: A handler that sleeps with the libOS's timer, not the thread.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class DelayAsyncUse
{
    [DemiHandler]
    public static async DemiTask Tick(LibOS os, QDesc qd)
    {
        for (int i = 0; i < 3; i++)
        {
            await os.DelayAsync(TimeSpan.FromMilliseconds(10));
        }

        await os.CloseAsync(qd);
    }
}
