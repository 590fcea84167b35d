using DemiGen.Generators.Tests.Infrastructure;

namespace DemiGen.Generators.Tests.Snapshots;

/// <summary>The generated code itself, compared with reviewed baselines in this folder.</summary>
public sealed class SnapshotTests
{
    private const string Echo = """
        using System.Net;
        using DemiGen;

        namespace Samples;

        public static partial class Echo
        {
            [DemiHandler]
            public static async DemiTask Serve(LibOS os, QDesc qd)
            {
                while (true)
                {
                    Sga data = await os.PopAsync(qd);
                    if (data.IsEmpty) break;          // peer closed
                    await os.PushAsync(qd, data);     // zero-copy: lent until completion
                    os.SgaFree(data);
                }
                await os.CloseAsync(qd);
            }

            [DemiHandler]
            public static async DemiTask Listen(LibOS os, QDesc listener)
            {
                while (true)
                {
                    QResult accepted = await os.AcceptAsync(listener);
                    os.Spawn(Serve(os, accepted.Accepted));
                }
            }
        }
        """;

    private const string Features = """
        using System;
        using System.Collections.Generic;
        using DemiGen;

        namespace Samples;

        internal static partial class Features
        {
            [DemiHandler]
            internal static async DemiTask<int> Sum(LibOS os, int[] values, List<int> more)
            {
                int total = 0;
                foreach (int v in values)
                {
                    total += await Twice(os, v);
                }

                foreach (int v in more)
                {
                    if (v < 0) continue;
                    await os.YieldAsync();
                    total += v;
                }

                return total;
            }

            [DemiHandler]
            internal static async DemiTask<int> Twice(LibOS os, int value, int factor = 2)
            {
                int scratch = value + 1;
                await os.DelayAsync(TimeSpan.FromMilliseconds(scratch));
                return value * factor;
            }

            [DemiHandler]
            internal static async DemiTask<int> PopWithTimeout(LibOS os, QDesc qd, TimeSpan timeout)
            {
                DemiOperation pop = os.PopAsync(qd);
                while (true)
                {
                    DemiOperation timer = os.DelayAsync(timeout);
                    WhenAnyResult first = await os.WhenAnyAsync(pop, timer);
                    if (first.Index == 0)
                    {
                        os.CancelDelay(timer);
                        var (index, result) = await os.WhenAnyAsync(new[] { os.DelayAsync(timeout).Token });
                        os.SgaFree(first.Result.Sga);
                        return index + result.Sga.Length;
                    }
                }
            }

            [DemiHandler]
            internal static async DemiTask<int> Cleanup(LibOS os, QDesc qd)
            {
                try
                {
                    Sga data = await os.PopAsync(qd);
                    int length = data.Length;
                    os.SgaFree(data);
                    return length;
                }
                catch (InvalidOperationException e) when (e.Message.Length > 0)
                {
                    await os.DelayAsync(TimeSpan.FromMilliseconds(1));
                    Console.WriteLine(e.Message);
                    throw;
                }
                finally
                {
                    await os.CloseAsync(qd);
                }
            }

            [DemiHandler]
            internal static async DemiTask<int> Guarded(LibOS os, QDesc qd)
            {
                using var resource = new System.IO.MemoryStream();
                try
                {
                    Sga data = await os.PopAsync(qd);
                    int n = data.Length + await Twice(os, data.Length);
                    os.SgaFree(data);
                    return n;
                }
                catch (InvalidOperationException e) when (e.Message.Length > 0)
                {
                    return -1;
                }
                finally
                {
                    resource.WriteByte(1);
                }
            }

            [DemiHandler]
            internal static async DemiTask<TItem> Relay<TItem, TSink>(LibOS os, TItem item, TSink sink)
                where TItem : notnull
                where TSink : struct, IComparer<TItem>
            {
                List<TItem> seen = new() { item };
                await os.YieldAsync();
                int order = sink.Compare(item, seen[0]) + await Twice(os, seen.Count);
                return order > 0 ? item : seen[0];
            }

            internal static DemiTask<int> RelayInts(LibOS os) => Relay(os, 5, new IntOrder());

            internal struct IntOrder : IComparer<int>
            {
                public int Compare(int x, int y) => x.CompareTo(y);
            }
        }
        """;

    private const string Server = """
        using DemiGen;

        namespace Samples;

        public sealed partial class Server
        {
            private int served;

            public int Replies { get; private set; }

            [DemiHandler]
            public async DemiTask<int> Serve(LibOS os, QDesc qd)
            {
                Sga data = await os.PopAsync(qd);
                served++;
                Replies = await Reply(os, qd, data);
                os.SgaFree(data);
                return this.served;
            }

            [DemiHandler]
            private async DemiTask<int> Reply(LibOS os, QDesc qd, Sga data)
            {
                await os.PushAsync(qd, data);
                return Replies + 1;
            }
        }

        public partial struct Meter
        {
            public int Ticks;

            [DemiHandler]
            public async DemiTask<int> Tick(LibOS os)
            {
                Ticks++;
                await os.YieldAsync();
                return Ticks;
            }

            internal static DemiTask<int> Run(LibOS os, Meter meter) => meter.Tick(os);
        }
        """;

    public static TheoryData<string> Hints() =>
    [
        "Samples.Echo.ServeCoroutine.g.cs",
        "Samples.Echo.ListenCoroutine.g.cs",
        "Samples.Features.SumCoroutine.g.cs",
        "Samples.Features.TwiceCoroutine.g.cs",
        "Samples.Features.GuardedCoroutine.g.cs",
        "Samples.Features.PopWithTimeoutCoroutine.g.cs",
        "Samples.Features.CleanupCoroutine.g.cs",
        "Samples.Features.RelayCoroutine.g.cs",
        "Samples.Server.ServeCoroutine.g.cs",
        "Samples.Server.ReplyCoroutine.g.cs",
        "Samples.Meter.TickCoroutine.g.cs",
        "DemiGen.Interceptors.g.cs",
    ];

    [Theory]
    [MemberData(nameof(Hints))]
    public void GeneratedFileMatchesBaseline(string hint)
    {
        (_, IReadOnlyDictionary<string, string> generated) = Generated.Value;
        Assert.True(generated.ContainsKey(hint), $"not generated: {hint}; generated: {string.Join(", ", generated.Keys)}");
        Snapshot.Verify(hint.Replace(".g.cs", string.Empty), generated[hint]);
    }

    [Fact]
    public void GeneratedCodeCompilesWithoutWarnings()
    {
        (Microsoft.CodeAnalysis.Compilation output, _) = Generated.Value;
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
    }

    private static readonly Lazy<(Microsoft.CodeAnalysis.Compilation Output, IReadOnlyDictionary<string, string> Sources)> Generated = new(() =>
        TestCompiler.Generate(TestCompiler.Compilation(("Echo.cs", Echo), ("Features.cs", Features), ("Server.cs", Server), ("Calls.cs", Calls))));

    private const string Calls = """
        using DemiGen;

        namespace Samples;

        public static class Calls
        {
            public static void Start(LibOS os, QDesc listener) => os.Spawn(Echo.Listen(os, listener));

            public static DemiTask<int> Sum(LibOS os) => Features.Sum(os, new[] { 1, 2 }, new() { 3 });

            public static DemiTask<int> Serve(LibOS os, Server server, QDesc qd) => server.Serve(os, qd);
        }
        """;
}
