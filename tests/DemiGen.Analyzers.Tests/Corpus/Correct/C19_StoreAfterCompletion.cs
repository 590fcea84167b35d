// Correct: Storing a buffer in a field after its push completed hands it on.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class StoreAfterCompletion
{
    private static Sga last;

    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga data = os.SgaAlloc(4);
        await os.PushAsync(qd, data);
        last = data;
        Console.WriteLine(last.Length);
    }
}
