// Correct: A copy of the handle is an alias: freeing through it frees the one buffer.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class AliasFree
{
    public static void Run(LibOS os)
    {
        Sga original = os.SgaAlloc(16);
        Sga alias = original;
        alias.Span[0] = 1;
        os.SgaFree(alias);
    }
}
