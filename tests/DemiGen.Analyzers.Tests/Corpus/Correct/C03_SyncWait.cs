// Correct: The synchronous API: push, wait, free.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class SyncWait
{
    public static void Send(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(4);
        sga.Span.Fill(7);
        QToken push = os.Push(qd, sga);
        QResult result = os.Wait(push);
        Console.WriteLine(result.Opcode);
        os.SgaFree(sga);
    }
}
