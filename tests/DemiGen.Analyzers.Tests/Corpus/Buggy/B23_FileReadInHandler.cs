// Bug (DEMI005): Synchronous file I/O in a handler.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class FileReadInHandler
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        string page = System.IO.File.ReadAllText("index.html"); // expect: DEMI005
        Sga reply = os.SgaAlloc(page.Length);
        await os.PushAsync(qd, reply);
        os.SgaFree(reply);
    }
}
