// Correct: A client: connect, send, receive, close.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class ConnectSend
{
    [DemiHandler]
    public static async DemiTask Client(LibOS os, QDesc qd)
    {
        QResult connected = await os.ConnectAsync(qd, new IPEndPoint(IPAddress.Loopback, 7));
        if (connected.Failed) return;
        Sga request = os.SgaAlloc(4);
        await os.PushAsync(qd, request);
        os.SgaFree(request);
        QResult reply = await os.PopAsync(qd);
        Sga data = reply.Sga;
        os.SgaFree(data);
        await os.CloseAsync(qd);
    }
}
