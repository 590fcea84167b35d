// Correct: Ownership handed to a helper marked [TakesOwnership].
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class TakesOwnershipHelper
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga data = await os.PopAsync(qd);
        if (data.IsEmpty) return;
        await Reply(os, qd, data);
    }

    private static async DemiTask Reply(LibOS os, QDesc qd, [TakesOwnership] Sga data)
    {
        await os.PushAsync(qd, data);
        os.SgaFree(data);
    }
}
