// Correct: Completing an operation through IsCompleted and GetResult.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class GetResultAfterCompletion
{
    public static void Run(LibOS os, QDesc qd)
    {
        DemiOperation close = os.CloseAsync(qd);
        while (!close.IsCompleted)
        {
            os.Poll();
        }

        QResult closed = close.GetResult();
        Console.WriteLine(closed.Opcode);
    }
}
