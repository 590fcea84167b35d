using DemiGen.Analyzers.Tests.Infrastructure;
using Verify = DemiGen.Analyzers.Tests.Infrastructure.AnalyzerVerifier<DemiGen.Analyzers.OwnershipAnalyzer>;

namespace DemiGen.Analyzers.Tests;

/// <summary>Shapes of code the flow analysis once crashed on (AD0001); each must analyze cleanly.</summary>
public class RobustnessTests
{
    [Fact]
    public Task A_lambda_with_a_filtered_catch_around_a_ref_call_analyzes_cleanly() => Verify.VerifyAsync(Code.InMethod("""
        int port = 0;
        Exception? failure = null;
        using ManualResetEventSlim bound = new();
        Thread thread = new(() =>
        {
            try
            {
                Start(os, ref port, () =>
                {
                    bound.Set();
                });
            }
            catch (Exception e) when (e is DemiException or InvalidOperationException)
            {
                failure ??= e;
                bound.Set();
            }
        });
        thread.Start();
        thread.Join();
        """, """
            private static void Start(LibOS os, ref int port, Action listening)
            {
                Sga sga = os.SgaAlloc(8);
                os.SgaFree(sga);
                port++;
                listening();
            }
        """));

    [Fact]
    public Task A_thread_lambda_in_a_loop_with_a_filtered_catch_and_an_initializer_analyzes_cleanly() => Verify.VerifyAsync("""
        using System.Net.Sockets;

        sealed class Server
        {
            private readonly int shards = 2;

            public void Run(Action<int> ready)
            {
                object? store = null;
                int port = 0;
                Exception? failure = null;
                using CountdownEvent listening = new(shards);
                using ManualResetEventSlim firstBound = new();
                List<Thread> threads = [];
                for (int shard = 0; shard < shards; shard++)
                {
                    int index = shard;
                    Thread thread = new(() =>
                    {
                        try
                        {
                            if (index > 0)
                            {
                                firstBound.Wait();
                            }

                            RunShard(index, ref store, ref port, () =>
                            {
                                firstBound.Set();
                                listening.Signal();
                            });
                        }
                        catch (Exception e) when (e is DemiException or SocketException)
                        {
                            failure ??= e;
                            firstBound.Set();
                            if (listening.CurrentCount > 0)
                            {
                                listening.Signal();
                            }
                        }
                    })
                    {
                        Name = $"shard {shard}",
                        IsBackground = true,
                    };
                    threads.Add(thread);
                    thread.Start();
                }

                listening.Wait();
                if (failure is null)
                {
                    ready(port);
                }

                foreach (Thread thread in threads)
                {
                    thread.Join();
                }

                if (failure is not null)
                {
                    throw failure;
                }
            }

            private static void RunShard(int shard, ref object? store, ref int port, Action listening)
            {
                using LibOS os = LibOS.Create(LibOSKind.Catmem);
                QDesc queue = os.CreateQueue();
                port = queue.Value + shard;
                store = new object();
                listening();
            }
        }
        """);
}
