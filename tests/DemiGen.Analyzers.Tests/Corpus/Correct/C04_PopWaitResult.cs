// Correct: A pop token waited; the QResult's Sga is freed unless the pop failed.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class PopWaitResult
{
    public static int Receive(LibOS os, QDesc qd)
    {
        QToken pop = os.Pop(qd);
        QResult result = os.Wait(pop);
        if (result.Failed)
        {
            return -1;
        }

        Sga data = result.Sga;
        int length = data.Length;
        os.SgaFree(data);
        return length;
    }
}
