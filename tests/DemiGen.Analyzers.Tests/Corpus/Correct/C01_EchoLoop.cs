// Correct: The echo handler of the design: pop, push back, free.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class EchoLoop
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        while (true)
        {
            Sga data = await os.PopAsync(qd);
            if (data.IsEmpty) break;
            await os.PushAsync(qd, data);
            os.SgaFree(data);
        }

        await os.CloseAsync(qd);
    }
}
