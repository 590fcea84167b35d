using CsCheck;
using DemiGen.Generators.Tests.Infrastructure;

namespace DemiGen.Generators.Tests.Differential;

/// <summary>Random handler programs trace the same through the generated coroutines and the compiler's async lowering.</summary>
public sealed class RandomProgramTests
{
    private const int HandlersPerProgram = 100;

    [Fact]
    public void RandomHandlerProgramsBehaveLikeCompilerAsyncLowering()
    {
        RandomHandlers.Handler.Array[HandlersPerProgram].Sample(
            handlers =>
            {
                string[] rendered = handlers.Select(RandomHandlers.Render).ToArray();
                string members = RandomHandlers.Leaf + "\n\n" + string.Join("\n\n", rendered);
                string[] roots = Enumerable.Range(0, handlers.Length).Select(i => $"Random{i}(os, q)").ToArray();
                (string[] generated, string[] compatibility) = HandlerProgram.RunBothWays(members, roots);
                for (int i = 0; i < roots.Length; i++)
                {
                    Assert.True(compatibility[i] == generated[i], $"handler {i} diverged:\n{rendered[i]}\n--- compiler:\n{compatibility[i]}\n--- generated:\n{generated[i]}");
                }
            },
            iter: 2,
            threads: 1);
    }
}
