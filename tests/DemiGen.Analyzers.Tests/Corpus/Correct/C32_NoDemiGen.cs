// Correct: A method that uses no DemiGen API at all: the pre-check skips it.
using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using DemiGen;

namespace Corpus;

public static class NoDemiGen
{
    public static int Sum(int[] values)
    {
        int sum = 0;
        foreach (int v in values) sum += v;
        return sum;
    }
}
