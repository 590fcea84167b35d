// Bug (DEMI102): A catch path returns without freeing.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class LeakInCatch
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8); // expect: DEMI102
        try
        {
            Validate(sga);
        }
        catch (FormatException)
        {
            return;
        }

        await os.PushAsync(qd, sga);
        os.SgaFree(sga);
    }

    private static void Validate(Sga sga)
    {
        if (sga.Span[0] == 0) throw new FormatException();
    }
}
