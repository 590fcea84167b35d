// Correct: a borrowed parameter pushed and waited: the caller keeps ownership and frees it.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class BorrowedParameterPush
{
    public static void SendBorrowed(LibOS os, QDesc qd, Sga payload)
    {
        os.Wait(os.Push(qd, payload));
        payload.Span[0] = 0;
    }

    public static void Caller(LibOS os, QDesc qd)
    {
        Sga payload = os.SgaAlloc(8);
        SendBorrowed(os, qd, payload);
        os.SgaFree(payload);
    }
}
