// Correct: A buffer freed in finally whatever the body does.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class TryFinally
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga data = await os.PopAsync(qd);
        try
        {
            if (data.IsEmpty)
            {
                return;
            }

            await os.PushAsync(qd, data);
        }
        finally
        {
            os.SgaFree(data);
        }
    }
}
