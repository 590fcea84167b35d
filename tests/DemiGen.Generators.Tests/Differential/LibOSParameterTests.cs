using DemiGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DemiGen.Generators.Tests.Differential;

/// <summary>
/// A handler's libOS parameter that the body only reads is not stored in the coroutine (it is the libOS running
/// it, read from the task context); one the body writes (assignment, ref or out argument) is stored like any parameter.
/// </summary>
public sealed class LibOSParameterTests
{
    private const string Source = """
        using System;
        using DemiGen;

        public static partial class Program
        {
            [DemiHandler]
            public static async DemiTask<int> Reads(LibOS os, int value)
            {
                await os.YieldAsync();
                return os.Stats.LiveCoroutines + value;
            }

            [DemiHandler]
            public static async DemiTask<int> Switches(LibOS os, LibOS other)
            {
                int before = ReferenceEquals(os, other) ? 1 : 0;
                os = other;
                await other.YieldAsync();
                return before * 10 + (ReferenceEquals(os, other) ? 2 : 0);
            }

            [DemiHandler]
            public static async DemiTask<int> PassesByRef(LibOS os, LibOS other)
            {
                Replace(ref os, other);
                await other.YieldAsync();
                return ReferenceEquals(os, other) ? 2 : 0;
            }

            private static void Replace(ref LibOS target, LibOS value) => target = value;

            public static string Run()
            {
                using LibOS first = LibOS.Create(LibOSKind.Catmem);
                using LibOS second = LibOS.Create(LibOSKind.Catmem);
                int reads = Finish(first, Reads(first, 40));
                int switches = Finish(first, Switches(first, second));
                int byRef = Finish(first, PassesByRef(first, second));
                return $"{reads} {switches} {byRef}";
            }

            private static int Finish(LibOS os, DemiTask<int> task)
            {
                while (!task.IsCompleted)
                {
                    os.Poll();
                }

                return task.GetResult();
            }
        }
        """;

    private static readonly Lazy<(Compilation Output, IReadOnlyDictionary<string, string> Generated)> Generated =
        new(() => TestCompiler.Generate(TestCompiler.Compilation(("Program.cs", Source))));

    [Fact]
    public void A_read_only_libOS_parameter_is_read_from_the_task_context_not_stored()
    {
        string reads = Generated.Value.Generated["Program.ReadsCoroutine.g.cs"];
        Assert.DoesNotContain("private global::DemiGen.LibOS os;", reads, StringComparison.Ordinal);
        Assert.Contains("global::DemiGen.LibOS os = __context.OS;", reads, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Program.SwitchesCoroutine.g.cs")]
    [InlineData("Program.PassesByRefCoroutine.g.cs")]
    public void A_written_libOS_parameter_is_stored(string hintName)
    {
        string generated = Generated.Value.Generated[hintName];
        Assert.Contains("private global::DemiGen.LibOS os;", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("__context.OS", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_kinds_keep_the_values_the_handler_sees_across_suspensions()
    {
        using LoadedProgram program = TestCompiler.Load(Generated.Value.Output);
        Assert.Equal("41 2 2", program.Invoke("Program", "Run"));
    }
}
