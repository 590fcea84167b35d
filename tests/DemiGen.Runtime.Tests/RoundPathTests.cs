namespace DemiGen.Runtime.Tests;

/// <summary>
/// The scheduler's short round paths (one yielded task, continuations only) and the owner-thread check keep the
/// semantics of the general round: a failure fails only its task, blocking waits are refused inside a step, the
/// scheduler is usable after a throwing unhandled-exception handler, and only the owner thread gets in.
/// </summary>
public sealed class RoundPathTests
{
    [Fact]
    public void A_lone_yielded_task_that_throws_fails_only_its_task_and_the_next_rounds_run()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask failing = os.StartCoroutine(new FailingAfterYieldCoroutine("alone"));
        Assert.True(os.Poll());
        Assert.True(failing.IsCompleted);
        Assert.Equal("alone", Assert.Throws<InvalidOperationException>(failing.GetResult).Message);

        List<string> log = [];
        DemiTask next = os.StartCoroutine(new YieldingCoroutine("n", 2, log));
        os.Wait(next.Token);
        Assert.Equal(["n0", "n1", "n2"], log);
        Assert.Equal(0, os.Stats.LiveCoroutines);
        Assert.Equal(0, os.Stats.PendingOperations);
    }

    [Fact]
    public void A_lone_task_that_yields_again_keeps_its_turn_behind_tasks_it_started_in_that_step()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask lone = os.StartCoroutine(new YieldingCoroutine("a", 3, log));
        Assert.True(os.Poll());
        Assert.True(os.Poll());
        Assert.Equal(["a0", "a1", "a2"], log);

        DemiTask starter = os.StartCoroutine(new StartingThenYieldingCoroutine(log));
        Assert.True(os.Poll());
        Assert.True(os.Poll());
        os.Wait(lone.Token);
        os.Wait(starter.Token);
        Assert.Equal(["a0", "a1", "a2", "a3", "s0", "c0", "c1", "s1"], log);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_lone_yielded_task_may_not_block()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask task = os.StartCoroutine(new BlockingAfterYieldCoroutine());
        while (!task.IsCompleted)
        {
            os.Poll();
        }

        DemiUsageException e = Assert.Throws<DemiUsageException>(task.GetResult);
        Assert.Contains("Use await instead", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_throwing_unhandled_exception_handler_reaches_Poll_from_a_lone_task_and_the_scheduler_stays_usable()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { OnUnhandledException = e => throw new InvalidOperationException($"handler saw {e.Message}") });
        os.Spawn(new FailingAfterYieldCoroutine("lone"));
        Assert.Equal("handler saw lone", Assert.Throws<InvalidOperationException>(() => os.Poll()).Message);
        Assert.Equal(0, os.Stats.LiveCoroutines);

        DemiTask blocking = os.StartCoroutine(new BlockingAfterYieldCoroutine());
        while (!blocking.IsCompleted)
        {
            os.Poll();
        }

        Assert.Throws<DemiUsageException>(blocking.GetResult);
    }

    [Fact]
    public void A_round_of_only_continuations_refuses_blocking_waits_inside_them()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask task = BlockAfterYield(os);
        while (!task.IsCompleted)
        {
            os.Poll();
        }

        DemiUsageException e = Assert.Throws<DemiUsageException>(task.GetResult);
        Assert.Contains("Use await instead", e.Message, StringComparison.Ordinal);

        DemiTask<int> after = YieldTwice(os);
        os.Wait(after.Token);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_task_a_continuation_makes_runnable_runs_in_the_same_round()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask starter = StartAfterYield(os, log);
        Assert.Empty(log);
        Assert.True(os.Poll());
        Assert.Equal(["c0", "c1"], log);
        Assert.True(starter.IsCompleted);
        starter.GetResult();
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_libos_that_is_not_its_threads_current_one_serves_its_owner_thread()
    {
        using LibOS first = LibOS.Create(LibOSKind.Catmem);
        using LibOS second = LibOS.Create(LibOSKind.Catmem);
        Assert.Same(first, LibOS.Current);

        List<string> log = [];
        DemiTask task = second.StartCoroutine(new YieldingCoroutine("s", 1, log));
        second.Wait(task.Token);
        Assert.Equal(["s0", "s1"], log);
        Assert.Same(first, LibOS.Current);
    }

    [Fact]
    public void A_thread_with_its_own_current_libos_is_refused_by_another_libos()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Exception? error = null;
        Thread other = new(() =>
        {
            using LibOS own = LibOS.Create(LibOSKind.Catmem);
            error = Record.Exception(() => os.StartCoroutine(new YieldingCoroutine("x", 0, [])));
        });
        other.Start();
        other.Join();
        Assert.Contains("belongs to thread", Assert.IsType<DemiUsageException>(error).Message, StringComparison.Ordinal);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_disposed_libos_refuses_calls_on_its_own_thread()
    {
        LibOS os = LibOS.Create(LibOSKind.Catmem);
        os.Dispose();
        Assert.Throws<ObjectDisposedException>(() => os.StartCoroutine(new YieldingCoroutine("x", 0, [])));
    }

    private static async DemiTask BlockAfterYield(LibOS os)
    {
        await os.YieldAsync();
        os.Wait(os.DelayAsync(TimeSpan.Zero).Token);
    }

    private static async DemiTask StartAfterYield(LibOS os, List<string> log)
    {
        await os.YieldAsync();
        os.Spawn(os.StartCoroutine(new YieldingCoroutine("c", 1, log)));
    }

    private static async DemiTask<int> YieldTwice(LibOS os)
    {
        await os.YieldAsync();
        await os.YieldAsync();
        return 2;
    }

    /// <summary>Yields once, then makes a blocking wait (a usage error inside a step).</summary>
    private struct BlockingAfterYieldCoroutine : ICoroutine
    {
        private bool yielded;

        public CoroutineStep MoveNext(in TaskContext context)
        {
            if (!yielded)
            {
                yielded = true;
                return CoroutineStep.Yield;
            }

            context.OS.Wait(context.OS.DelayAsync(TimeSpan.Zero).Token);
            return CoroutineStep.Done;
        }
    }
}
