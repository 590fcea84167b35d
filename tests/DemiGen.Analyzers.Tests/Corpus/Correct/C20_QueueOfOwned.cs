// Correct: Owned buffers queued in a collection are handed on to whoever drains it.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class QueueOfOwned
{
    public static Queue<Sga> Fill(LibOS os)
    {
        var queue = new Queue<Sga>();
        for (int i = 0; i < 4; i++)
        {
            queue.Enqueue(os.SgaAlloc(8));
        }

        return queue;
    }
}
