// Correct: A catch block that frees before rethrowing and a normal path that frees.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class CatchFree
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8);
        try
        {
            Parse(sga);
        }
        catch (FormatException)
        {
            os.SgaFree(sga);
            throw;
        }

        await os.PushAsync(qd, sga);
        os.SgaFree(sga);
    }

    private static void Parse(Sga sga)
    {
        if (sga.Span[0] == 0) throw new FormatException();
    }
}
