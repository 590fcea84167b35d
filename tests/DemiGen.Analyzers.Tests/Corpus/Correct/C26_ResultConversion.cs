// Correct: The implicit QResult-to-Sga conversion of an awaited pop.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class ResultConversion
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        QResult result = await os.PopAsync(qd);
        if (result.Failed) return;
        Sga data = result;
        Console.WriteLine(data.Length);
        os.SgaFree(data);
    }
}
