// Correct: A datagram reply with PushTo, freed after the wait.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class PushToUse
{
    public static void Reply(LibOS os, QDesc qd, IPEndPoint peer)
    {
        Sga sga = os.SgaAlloc(3);
        sga.CopyFrom("ack"u8);
        os.Wait(os.PushTo(qd, sga, peer));
        os.SgaFree(sga);
    }
}
