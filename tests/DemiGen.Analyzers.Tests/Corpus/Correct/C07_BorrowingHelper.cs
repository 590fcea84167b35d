// Correct: A helper that only borrows: the caller still frees.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static partial class BorrowingHelper
{
    [DemiHandler]
    public static async DemiTask Serve(LibOS os, QDesc qd)
    {
        Sga data = await os.PopAsync(qd);
        if (data.IsEmpty) return;
        int sum = Checksum(data);
        os.SgaFree(data);
        Console.WriteLine(sum);
    }

    private static int Checksum(Sga data)
    {
        int sum = 0;
        foreach (byte b in data.Span) sum += b;
        return sum;
    }
}
