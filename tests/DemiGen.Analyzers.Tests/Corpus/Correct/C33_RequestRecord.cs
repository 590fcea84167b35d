// Correct: a popped buffer handed on inside a record and a tuple; the consumer frees it.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public readonly record struct Request(QDesc Connection, Sga Body);

public static partial class RequestRecord
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga body = await os.PopAsync(qd);
        if (body.IsEmpty) return;
        var request = new Request(qd, body);
        await Handle(os, request);
    }

    public static (Sga Buffer, int Length) Pair(LibOS os)
    {
        Sga sga = os.SgaAlloc(4);
        return (sga, sga.Length);
    }

    private static async DemiTask Handle(LibOS os, Request request)
    {
        await os.PushAsync(request.Connection, request.Body);
        os.SgaFree(request.Body);
    }
}
