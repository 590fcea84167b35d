using DemiGen.Generators.Tests.Infrastructure;

namespace DemiGen.Generators.Tests.Differential;

/// <summary>Each lowering feature gives the same trace as the C# compiler's own async lowering of the same body.</summary>
public sealed class ScenarioTests
{
    private static readonly Lazy<(string[] Generated, string[] Compatibility)> Traces =
        new(() => HandlerProgram.RunBothWays(Scenarios.Members, Scenarios.Roots));

    public static TheoryData<string> Roots() => [.. Scenarios.Roots];

    [Theory]
    [MemberData(nameof(Roots))]
    public void GeneratedCoroutineTraceMatchesCompilerAsyncLowering(string root)
    {
        int index = Array.IndexOf(Scenarios.Roots, root);
        (string[] generated, string[] compatibility) = Traces.Value;
        Assert.Equal(compatibility[index], generated[index]);
        Assert.Contains("live sgas 0", generated[index]);
    }

    [Fact]
    public void ScenariosProduceTheirExpectedResults()
    {
        string[] generated = Traces.Value.Generated;
        Assert.Contains("result 5", generated[0]);
        Assert.Contains("result 30", generated[1]);
        Assert.Contains("result 9", generated[4]);
        Assert.Contains("threw InvalidOperationException: negative -7", generated[9]);
        Assert.Contains("result 43", generated[10]);
        Assert.Contains("dispose third\ndispose second", generated[5]);
        Assert.Contains("result 9", generated[13]);
        Assert.Contains("result 18", generated[14]);
        Assert.Contains("first\n  second\na\n      b\nresult 23", generated[15]);
        Assert.Contains("race 1 Delay\nrace 1 Delay\n", generated[16]);
        Assert.Contains("race 0 Pop\npopped 4\nfirst 1 at", generated[16]);
        Assert.Contains("second 1 Delay", generated[16]);
        Assert.Contains("immediate 1 length 6", generated[16]);
        Assert.Contains("result 1211", generated[16]);
        Assert.Contains("add 12 total 24 calls 4\necho 24\nadd 1 total 104 calls 4\n128/4 104/4 last 24 5", generated[17]);
        Assert.Contains("result 152", generated[17]);
        Assert.Contains("113/4 9/4 last 104 5\nresult 64", generated[18]);
        Assert.Contains("finally 0\nfinally 1\nchild start 2\nchild end 2\nfinally 2\nfinally 3\n", generated[19]);
        Assert.Contains("after try 0\ncatch continue 1\nafter try 2\nrethrowing\nfinally after rethrow\ncaught twice inner\nnested rethrow stays inside\nouter inner", generated[19]);
        Assert.Contains("inner finally 2\nouter finally 2\ninner finally 5\nouter finally 5\nresult 509", generated[19]);
        Assert.Contains("[named1] True    2 total 002\necho 2\nchild start 2\nchild end 2\nand 2\n", generated[20]);
        Assert.Contains("[n3] True    6 total 028\n", generated[20]);
        Assert.Contains("for 2\nchild start 1\nchild end 1\nfor 4\n", generated[20]);
        Assert.Contains("in using\ndispose plain\ndispose named8\ndeclared\ndispose named9\nresult 28", generated[20]);
        Assert.Contains("text hello\nchild start 3\nchild end 3\ndeconstructed 1 Delay Close x\nresult 25", generated[21]);
        Assert.Contains("n 0\nn 1\nn 2\ndeconstructed 1 Delay Close x\nresult 25", generated[22]);
        Assert.Contains("box created\necho 1\nchild start 4\n", generated[23]);
        Assert.Contains("b1 8 2,10,3 4\nresult 45", generated[23]);
        Assert.Contains("scaled 3\nscaled 9\necho back s9\necho back s9\ns9 1 Tripler\necho back 1\nscaled 15\n", generated[24]);
        Assert.Contains("result 26", generated[24]);
        Assert.Contains("tally 5 count 5\ncaller sees 1 handler saw 5\n", generated[25]);
        Assert.Contains("tally 5 count 5\narray element 3 5\nresult 79", generated[25]);
    }
}
