// Correct: Every case of a switch frees the buffer.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class SwitchFree
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga data = await os.PopAsync(qd);
        switch (data.Length)
        {
            case 0:
                os.SgaFree(data);
                return;
            case 1:
                await os.PushAsync(qd, data);
                os.SgaFree(data);
                break;
            default:
                os.SgaFree(data);
                break;
        }
    }
}
