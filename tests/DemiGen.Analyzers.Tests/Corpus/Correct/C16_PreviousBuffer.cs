// Correct: Keeping the previous iteration's buffer and freeing it one iteration later.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class PreviousBuffer
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga previous = default;
        while (true)
        {
            Sga current = await os.PopAsync(qd);
            os.SgaFree(previous);
            if (current.IsEmpty) break;
            previous = current;
        }
    }
}
