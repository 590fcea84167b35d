// Correct: A factory returns the buffer it allocated: ownership goes to the caller.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class ReturnOwned
{
    public static Sga Make(LibOS os, ReadOnlySpan<byte> text)
    {
        Sga sga = os.SgaAlloc(text.Length);
        sga.CopyFrom(text);
        return sga;
    }
}
