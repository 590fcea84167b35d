// Correct: A local function that frees a captured buffer.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class LocalFunctionFree
{
    public static void Run(LibOS os)
    {
        Sga sga = os.SgaAlloc(8);
        Release();

        void Release() => os.SgaFree(sga);
    }
}
