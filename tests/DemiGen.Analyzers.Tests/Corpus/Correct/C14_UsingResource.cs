// Correct: A using block around other resources does not disturb the buffer's flow.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class UsingResource
{
    public static void Run(LibOS os, QDesc qd)
    {
        Sga sga = os.SgaAlloc(8);
        using (var writer = new System.IO.StringWriter())
        {
            writer.Write(sga.Length);
            QResult pushed = os.Wait(os.Push(qd, sga));
            writer.Write(pushed.Opcode);
        }

        os.SgaFree(sga);
    }
}
