// Bug (DEMI002): The echo loop forgets to free the popped buffer.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class EchoWithoutFree
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        while (true)
        {
            Sga data = await os.PopAsync(qd); // expect: DEMI002
            if (data.IsEmpty) break;
            await os.PushAsync(qd, data);
        }

        await os.CloseAsync(qd);
    }
}
