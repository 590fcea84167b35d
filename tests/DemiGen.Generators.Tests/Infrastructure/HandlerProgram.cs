using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DemiGen.Generators.Tests.Infrastructure;

/// <summary>
/// A test program: handlers plus a <c>Run(index)</c> entry that starts one root handler on a fresh Catmem libOS
/// with a manual clock, drives the scheduler until it finishes and returns the trace the handlers logged.
/// </summary>
internal static class HandlerProgram
{
    public const string FilePath = "Handlers.cs";

    public static string Source(string members, IReadOnlyList<string> roots)
    {
        string cases = string.Join("\n", roots.Select((call, i) => $"            {i} => {call},"));
        return $$"""
            using System;
            using System.Collections.Generic;
            using DemiGen;

            public sealed class Resource(string name) : IDisposable
            {
                public void Dispose() => Program.Log("dispose " + name);
            }

            public static partial class Program
            {
                public static readonly List<string> Trace = new();

                public static void Log(object? value) => Trace.Add(value?.ToString() ?? "null");

                public static int Echo(int value)
                {
                    Log("echo " + value);
                    return value;
                }

            {{members}}

                public static string Run(int index)
                {
                    Trace.Clear();
                    ManualClock clock = new(autoAdvance: false);
                    using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock, CheckedMemory = true });
                    QDesc q = os.CreateQueue();
                    DemiTask<int> task = index switch
                    {
            {{cases}}
                        _ => throw new ArgumentOutOfRangeException(nameof(index)),
                    };
                    for (int round = 0; round < 100_000 && !task.IsCompleted; round++)
                    {
                        if (!os.Poll())
                        {
                            clock.Advance(TimeSpan.FromMilliseconds(1));
                        }
                    }

                    try
                    {
                        Log("result " + task.GetResult());
                    }
                    catch (Exception e)
                    {
                        Log("threw " + e.GetType().Name + ": " + e.Message);
                    }

                    Log("live sgas " + os.Stats.LiveSgas);
                    return string.Join("\n", Trace);
                }
            }
            """;
    }

    /// <summary>Runs every root once through the generated coroutines and once through the compiler's async lowering.</summary>
    public static (string[] Generated, string[] Compatibility) RunBothWays(string members, IReadOnlyList<string> roots)
    {
        CSharpCompilation compilation = TestCompiler.Compilation((FilePath, Source(members, roots)));
        (Compilation generated, IReadOnlyDictionary<string, string> sources) = TestCompiler.Generate(compilation);
        Assert.Contains(InterceptorHint, sources.Keys);

        // A handler with a DEMIG error gets no coroutine and would run the compiler's lowering both ways.
        Assert.Empty(TestCompiler.AnalyzerDiagnostics(compilation).Where(d => d.Id.StartsWith("DEMIG", StringComparison.Ordinal)));
        return (RunAll(generated, roots.Count), RunAll(compilation, roots.Count));
    }

    private const string InterceptorHint = "DemiGen.Interceptors.g.cs";

    private static string[] RunAll(Compilation compilation, int count)
    {
        using LoadedProgram program = TestCompiler.Load(compilation);
        return Enumerable.Range(0, count).Select(i => (string)program.Invoke("Program", "Run", i)!).ToArray();
    }
}
