using System.Runtime.CompilerServices;

namespace DemiGen.Runtime.Tests;

public sealed class SchedulerTests
{
    [Fact]
    public void A_yield_lets_every_other_runnable_coroutine_run_once()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask a = os.StartCoroutine(new YieldingCoroutine("a", 2, log));
        DemiTask b = os.StartCoroutine(new YieldingCoroutine("b", 2, log));
        os.Wait(a.Token);
        os.Wait(b.Token);
        Assert.Equal(["a0", "b0", "a1", "b1", "a2", "b2"], log);
    }

    [Fact]
    public void Tasks_that_yield_while_the_run_queue_grows_mid_round_keep_their_order()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask a = os.StartCoroutine(new YieldingCoroutine("a", 2, log));
        DemiTask spawner = os.StartCoroutine(new SpawningCoroutine(200, log));
        DemiTask c = os.StartCoroutine(new YieldingCoroutine("c", 2, log));
        os.Wait(a.Token);
        os.Wait(spawner.Token);
        os.Wait(c.Token);
        string[] expected = ["a0", "c0", "a1", .. Enumerable.Repeat("k0", 200), "c1", "a2", .. Enumerable.Repeat("k1", 200), "c2"];
        Assert.Equal(expected, log);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_coroutine_failing_in_a_round_does_not_stop_the_others_of_that_round()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask a = os.StartCoroutine(new YieldingCoroutine("a", 2, log));
        DemiTask failing = os.StartCoroutine(new FailingAfterYieldCoroutine("second step"));
        DemiTask c = os.StartCoroutine(new YieldingCoroutine("c", 2, log));
        os.Wait(a.Token);
        os.Wait(c.Token);
        Assert.Equal(["a0", "c0", "a1", "c1", "a2", "c2"], log);
        Assert.Equal("second step", Assert.Throws<InvalidOperationException>(failing.GetResult).Message);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void Delays_fire_in_deadline_order_on_a_manual_clock()
    {
        ManualClock clock = new();
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock });
        DemiTask<string> slow = os.StartCoroutine<DelayedValueCoroutine, string>(new DelayedValueCoroutine(TimeSpan.FromMilliseconds(30), "slow"));
        DemiTask<string> fast = os.StartCoroutine<DelayedValueCoroutine, string>(new DelayedValueCoroutine(TimeSpan.FromMilliseconds(10), "fast"));
        QToken[] both = [slow.Token, fast.Token];
        Assert.Equal(1, os.WaitAny(both, out _));
        Assert.Equal(10_000_000, clock.NowNanoseconds);
        os.Wait(slow.Token);
        Assert.Equal(30_000_000, clock.NowNanoseconds);
    }

    [Fact]
    public void A_coroutine_value_is_read_through_its_task()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock() });
        DemiTask<string> task = os.StartCoroutine<DelayedValueCoroutine, string>(new DelayedValueCoroutine(TimeSpan.FromSeconds(1), "value"));
        Assert.Equal("value", RunToEnd(os, task));
    }

    [Fact]
    public void An_exception_in_a_coroutine_is_rethrown_to_its_awaiter()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask task = os.StartCoroutine(new FailingCoroutine("boom"));
        QResult result = os.Wait(task.Token);
        Assert.Equal(DemiOpcode.Failed, result.Opcode);
        DemiTask again = os.StartCoroutine(new FailingCoroutine("boom again"));
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => AwaitFromPlainCode(os, again));
        Assert.Equal("boom again", e.Message);
    }

    [Fact]
    public void An_exception_in_a_spawned_coroutine_goes_to_the_unhandled_handler_and_the_libos_keeps_running()
    {
        List<Exception> unhandled = [];
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { OnUnhandledException = unhandled.Add });
        os.Spawn(os.StartCoroutine(new FailingCoroutine("detached")));
        List<string> log = [];
        os.Wait(os.StartCoroutine(new YieldingCoroutine("x", 1, log)).Token);
        Assert.Equal("detached", Assert.Single(unhandled).Message);
        Assert.Equal(0, os.Stats.LiveCoroutines);
        Assert.Equal(0, os.Stats.PendingOperations);
    }

    [Fact]
    public void A_coroutine_awaiting_a_token_another_coroutine_awaits_fails_its_own_task_only()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        StrongBox<QToken> pop = new();
        DemiTask owner = os.StartCoroutine(new ParkedCoroutine(queue, pop));
        DemiTask intruder = os.StartCoroutine(new AwaitingTokenCoroutine(pop.Value));
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => AwaitFromPlainCode(os, intruder));
        Assert.Contains("already has a waiter (coroutine task", e.Message, StringComparison.Ordinal);
        Sga sga = os.Text("wake");
        os.Wait(os.Push(queue, sga));
        Assert.Equal(DemiOpcode.Task, os.Wait(owner.Token).Opcode);
        os.SgaFree(sga);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_coroutine_awaiting_an_unknown_token_fails_its_task()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QToken consumed = os.StartCoroutine(new YieldingCoroutine("t", 0, [])).Token;
        os.Wait(consumed);
        DemiTask task = os.StartCoroutine(new AwaitingTokenCoroutine(consumed));
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => AwaitFromPlainCode(os, task));
        Assert.Contains("is unknown or was already consumed", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, os.Stats.LiveCoroutines);
        Assert.Equal(0, os.Stats.PendingOperations);
    }

    [Fact]
    public void An_unhandled_exception_handler_that_throws_reaches_the_caller_and_leaves_the_scheduler_usable()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { OnUnhandledException = e => throw new InvalidOperationException($"handler saw {e.Message}") });
        Assert.Equal("handler saw first step", Assert.Throws<InvalidOperationException>(() => os.Spawn(new FailingCoroutine("first step"))).Message);
        os.Spawn(new FailingAfterYieldCoroutine("second step"));
        Assert.Equal("handler saw second step", Assert.Throws<InvalidOperationException>(() => os.Poll()).Message);
        Assert.Equal(0, os.Stats.LiveCoroutines);

        List<string> log = [];
        os.Wait(os.StartCoroutine(new YieldingCoroutine("after", 1, log)).Token);
        Assert.Equal(["after0", "after1"], log);
        Assert.Equal(0, os.Stats.LiveCoroutines);
        Assert.Equal(0, os.Stats.PendingOperations);
    }

    [Fact]
    public void Finished_coroutines_release_their_slots_and_tokens()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        for (int round = 0; round < 3; round++)
        {
            List<string> log = [];
            DemiTask[] tasks = Enumerable.Range(0, 100).Select(i => os.StartCoroutine(new YieldingCoroutine("t", 1, log))).ToArray();
            foreach (DemiTask task in tasks)
            {
                os.Wait(task.Token);
            }

            Assert.Equal(200, log.Count);
            Assert.Equal(0, os.Stats.LiveCoroutines);
            Assert.Equal(0, os.Stats.PendingOperations);
        }
    }

    [Fact]
    public void A_completion_wakes_only_the_coroutine_waiting_on_it_among_many()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        const int Parked = 100_000;
        QDesc[] queues = new QDesc[Parked];
        for (int i = 0; i < Parked; i++)
        {
            queues[i] = os.CreateQueue();
            os.Spawn(os.StartCoroutine(new ParkedCoroutine(queues[i])));
        }

        os.Poll();
        Assert.Equal(Parked, os.Stats.LiveCoroutines);
        Sga sga = os.Text("wake");
        os.Wait(os.Push(queues[Parked / 2], sga));
        os.Poll();
        Assert.Equal(Parked - 1, os.Stats.LiveCoroutines);
        os.SgaFree(sga);
    }

    [Fact]
    public void Wait_from_inside_a_coroutine_is_refused()
    {
        List<Exception> unhandled = [];
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { OnUnhandledException = unhandled.Add });
        DemiTask task = os.StartCoroutine(new BlockingCoroutine());
        QResult result = os.Wait(task.Token);
        Assert.Equal(DemiOpcode.Failed, result.Opcode);
        DemiTask again = os.StartCoroutine(new BlockingCoroutine());
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => AwaitFromPlainCode(os, again));
        Assert.Contains("Use await instead", e.Message);
    }

    [Fact]
    public void A_coroutine_that_starts_many_of_its_own_type_keeps_its_state_while_the_slab_grows()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int> root = os.StartCoroutine<FanOutCoroutine, int>(new FanOutCoroutine(depth: 0));
        Assert.Equal(DemiOpcode.Task, os.Wait(root.Token).Opcode);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    private static T RunToEnd<T>(LibOS os, DemiTask<T> task)
    {
        while (!task.IsCompleted)
        {
            os.Poll();
            if (!task.IsCompleted && os.Clock is ManualClock clock)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        return task.GetResult();
    }

    private static void AwaitFromPlainCode(LibOS os, DemiTask task)
    {
        while (!task.IsCompleted)
        {
            os.Poll();
        }

        task.GetResult();
    }

    /// <summary>At depth 0, starts 2,000 children of its own type from inside MoveNext, then awaits each.</summary>
    private struct FanOutCoroutine(int depth) : ICoroutine
    {
        private DemiTask<int>[]? children;
        private int awaited;
        private int sum;

        public CoroutineStep MoveNext(in TaskContext context)
        {
            if (depth > 0)
            {
                context.SetResult(depth);
                return CoroutineStep.Done;
            }

            if (children is null)
            {
                // The field is written after the spawns have grown the slab: it must land in this coroutine's slot.
                DemiTask<int>[] started = new DemiTask<int>[2000];
                for (int i = 0; i < started.Length; i++)
                {
                    started[i] = context.OS.StartCoroutine<FanOutCoroutine, int>(new FanOutCoroutine(1));
                }

                children = started;
            }
            else
            {
                sum += children[awaited++].GetResult();
            }

            if (awaited < children.Length)
            {
                return CoroutineStep.Pending(children[awaited].Token);
            }

            if (sum != children.Length)
            {
                throw new InvalidOperationException($"children returned {sum}, expected {children.Length}");
            }

            context.SetResult(sum);
            return CoroutineStep.Done;
        }
    }

    private struct BlockingCoroutine : ICoroutine
    {
        public CoroutineStep MoveNext(in TaskContext context)
        {
            context.OS.Wait(context.OS.DelayAsync(TimeSpan.Zero).Token);
            return CoroutineStep.Done;
        }
    }
}
