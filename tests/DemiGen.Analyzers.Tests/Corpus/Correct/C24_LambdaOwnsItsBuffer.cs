// Correct: A lambda that allocates and frees its own buffer.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class LambdaOwnsItsBuffer
{
    public static Action Make(LibOS os) => () =>
    {
        Sga sga = os.SgaAlloc(8);
        sga.Span.Clear();
        os.SgaFree(sga);
    };
}
