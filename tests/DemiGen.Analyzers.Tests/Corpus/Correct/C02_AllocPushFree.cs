// Correct: Allocate, fill, push, free after the push completed.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class AllocPushFree
{
    [DemiHandler]
    public static async DemiTask Greet(LibOS os, QDesc qd)
    {
        Sga reply = os.SgaAlloc(5);
        "hello"u8.CopyTo(reply.Span);
        await os.PushAsync(qd, reply);
        os.SgaFree(reply);
        await os.CloseAsync(qd);
    }
}
