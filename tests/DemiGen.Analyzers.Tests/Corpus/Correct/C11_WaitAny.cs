// Correct: WaitAny over a push and a pop: both tokens are handed to the wait.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class WaitAnyUse
{
    public static void Run(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8);
        QToken push = os.Push(qd, sga);
        QToken close = os.Close(qd);
        int first = os.WaitAny([push, close], out QResult result);
        Console.WriteLine(first + " " + result.Opcode);
        os.SgaFree(sga);
    }
}
