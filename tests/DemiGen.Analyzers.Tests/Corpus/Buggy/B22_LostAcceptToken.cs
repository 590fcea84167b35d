// Bug (DEMI004): An accept token stored but never waited.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class LostAcceptToken
{
    public static void Run(LibOS os, QDesc listener)
    {
        QToken accept = os.Accept(listener); // expect: DEMI004
        Console.WriteLine("listening");
    }
}
