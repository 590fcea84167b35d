namespace DemiGen.Runtime.Tests;

/// <summary>A started coroutine runs at once up to its first suspension, as C# runs an async method to its first await.</summary>
public sealed class StartCoroutineTests
{
    [Fact]
    public void A_started_coroutine_runs_its_first_step_before_the_call_returns()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask task = os.StartCoroutine(new YieldingCoroutine("a", 1, log));
        Assert.Equal(["a0"], log);
        Assert.False(task.IsCompleted);
        os.Wait(task.Token);
        Assert.Equal(["a0", "a1"], log);
    }

    [Fact]
    public void A_coroutine_that_never_suspends_has_finished_when_the_call_returns()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask task = os.StartCoroutine(new YieldingCoroutine("a", 0, log));
        Assert.True(task.IsCompleted);
        Assert.Equal(0, os.Stats.LiveCoroutines);
        task.GetResult();
        Assert.Equal(0, os.Stats.PendingOperations);
    }

    [Fact]
    public void An_exception_in_the_first_step_goes_to_the_task_not_to_the_caller()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask task = os.StartCoroutine(new FailingCoroutine("first step"));
        Assert.True(task.IsCompleted);
        Assert.Equal("first step", Assert.Throws<InvalidOperationException>(task.GetResult).Message);
    }

    [Fact]
    public void A_blocking_wait_in_the_first_step_is_a_usage_error()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask task = os.StartCoroutine(new BlockingCoroutine());
        DemiUsageException e = Assert.Throws<DemiUsageException>(task.GetResult);
        Assert.Contains("Poll was called from a coroutine", e.Message);
    }

    [Fact]
    public void A_coroutine_started_from_another_coroutine_runs_inside_it_and_both_finish()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        List<string> log = [];
        DemiTask parent = os.StartCoroutine(new ParentCoroutine(log));
        Assert.Equal(["parent starts", "c0", "parent parks"], log);
        os.Wait(parent.Token);
        Assert.Equal(["parent starts", "c0", "parent parks", "c1", "parent ends"], log);
    }

    [Fact]
    public void Awaiting_a_yield_from_a_thread_that_does_not_own_the_libos_is_refused()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        YieldAwaitable yield = os.YieldAsync();
        Exception? refused = null;
        Thread other = new(() => refused = Record.Exception(() => yield.UnsafeOnCompleted(() => { })));
        other.Start();
        other.Join();
        Assert.IsType<DemiUsageException>(refused);
    }

    private struct BlockingCoroutine : ICoroutine
    {
        public CoroutineStep MoveNext(in TaskContext context)
        {
            context.OS.Poll();
            return CoroutineStep.Done;
        }
    }

    private struct ParentCoroutine(List<string> log) : ICoroutine
    {
        private DemiTask child;
        private bool started;

        public CoroutineStep MoveNext(in TaskContext context)
        {
            if (!started)
            {
                started = true;
                log.Add("parent starts");
                child = context.OS.StartCoroutine(new YieldingCoroutine("c", 1, log));
                log.Add("parent parks");
                return CoroutineStep.Pending(child.Token);
            }

            child.GetResult();
            log.Add("parent ends");
            return CoroutineStep.Done;
        }
    }
}
