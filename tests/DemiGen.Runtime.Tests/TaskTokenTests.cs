namespace DemiGen.Runtime.Tests;

/// <summary>
/// A task's completion token takes the lean path: it is never on WaitNext's unclaimed list (its holder reads it
/// through the DemiTask), a free token slot is kept ready to be taken, and a token slot moves between tasks and
/// queue operations without carrying a waiter, an error or a list link over.
/// </summary>
public sealed class TaskTokenTests
{
    [Fact]
    public void A_task_that_finished_before_its_holder_looks_is_read_later_and_its_token_only_once()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int> task = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(1, 42));
        Assert.False(task.IsCompleted);
        Assert.True(os.Poll());
        Assert.False(os.Poll());
        Assert.True(task.IsCompleted);
        Assert.Equal(0, os.Stats.PendingOperations);
        Assert.Equal(42, task.GetResult());
        Assert.Throws<DemiUsageException>(() => task.GetResult());
        Assert.Throws<DemiUsageException>(() => task.IsCompleted);
    }

    [Fact]
    public void WaitNext_returns_operations_but_not_a_finished_task_which_its_holder_still_reads()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        DemiTask<int> task = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(0, 7));
        Assert.True(task.IsCompleted);
        DemiTask<int> later = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(2, 8));
        Sga sga = os.Text("x");
        QToken push = os.Push(queue, sga);

        Span<QResult> results = new QResult[4];
        Assert.Equal(1, os.WaitNext(results));
        Assert.Equal(push, results[0].QToken);
        while (!later.IsCompleted)
        {
            os.Poll();
        }

        Assert.Equal(0, os.WaitNext(results, TimeSpan.Zero));
        Assert.Equal(7, task.GetResult());
        Assert.Equal(8, later.GetResult());
        QResult popped = os.Wait(os.Pop(queue));
        os.SgaFree(popped.Sga);
        os.SgaFree(sga);
    }

    [Fact]
    public void A_task_waited_with_a_timeout_that_finishes_afterwards_stays_with_its_holder()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        DemiTask task = os.StartCoroutine(new ParkedCoroutine(queue));
        Assert.Equal(DemiError.ETIMEDOUT, os.Wait(task.Token, TimeSpan.Zero).Error);
        Sga sga = os.Text("z");
        os.Wait(os.Push(queue, sga));
        while (!task.IsCompleted)
        {
            os.Poll();
        }

        Assert.Equal(0, os.WaitNext(new QResult[1], TimeSpan.Zero));
        task.GetResult();
        Assert.Equal(0, os.Stats.PendingOperations);
        os.SgaFree(sga);
    }

    [Fact]
    public void A_failed_task_read_after_it_finished_leaves_no_error_on_the_slot_the_next_task_takes()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask failed = os.StartCoroutine(new FailingAfterYieldCoroutine("late"));
        os.Poll();
        Assert.True(failed.IsCompleted);
        Assert.Equal("late", Assert.Throws<InvalidOperationException>(failed.GetResult).Message);

        DemiTask<int> next = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(1, 9));
        Assert.Equal(failed.Token.Value & uint.MaxValue, next.Token.Value & uint.MaxValue);
        os.Poll();
        Assert.Equal(9, next.GetResult());
    }

    [Fact]
    public void A_task_nobody_reads_keeps_its_token_and_the_others_take_other_slots()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int> unread = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(0, 1));
        for (int i = 0; i < 300; i++)
        {
            DemiTask<int> task = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(i % 3, i));
            Assert.NotEqual(unread.Token, task.Token);
            while (!task.IsCompleted)
            {
                os.Poll();
            }

            Assert.Equal(i, task.GetResult());
        }

        Assert.Equal(0, os.Stats.LiveCoroutines);
        Assert.Equal(0, os.Stats.PendingOperations);
        Assert.Equal(1, unread.GetResult());
    }

    [Fact]
    public void A_token_slot_goes_from_a_listed_operation_to_a_task_and_back_to_an_operation()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        Sga sga = os.Text("y");
        QToken push = os.Push(queue, sga);
        Span<QResult> results = new QResult[2];
        Assert.Equal(1, os.WaitNext(results));
        Assert.Equal(push, results[0].QToken);

        DemiTask<int> task = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(1, 3));
        Assert.Equal(push.Value & uint.MaxValue, task.Token.Value & uint.MaxValue);
        os.Poll();
        Assert.Equal(0, os.WaitNext(results, TimeSpan.Zero));
        Assert.Equal(3, task.GetResult());

        QToken pop = os.Pop(queue);
        Assert.Equal(push.Value & uint.MaxValue, pop.Value & uint.MaxValue);
        Assert.Equal(1, os.WaitNext(results));
        Assert.Equal(pop, results[0].QToken);
        Assert.Equal("y", results[0].Sga.Text());
        os.SgaFree(results[0].Sga);
        os.SgaFree(sga);
    }

    [Fact]
    public void A_task_awaited_by_a_coroutine_after_it_finished_hands_over_its_value()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int> inner = os.StartCoroutine<ValueAfterYieldsCoroutine, int>(new ValueAfterYieldsCoroutine(0, 11));
        DemiTask<int> outer = os.StartCoroutine<AwaitingTaskCoroutine, int>(new AwaitingTaskCoroutine(inner));
        while (!outer.IsCompleted)
        {
            os.Poll();
        }

        Assert.Equal(12, outer.GetResult());
        Assert.Throws<DemiUsageException>(() => inner.IsCompleted);
    }

    [Fact]
    public void A_value_finished_with_the_step_reaches_its_holder_whatever_its_size_or_kind()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Assert.Equal(-5L, Run(os, new DoneWithCoroutine<long>(-5L)));
        Assert.Equal((byte)200, Run(os, new DoneWithCoroutine<byte>(200)));
        Assert.Equal((short)-2, Run(os, new DoneWithCoroutine<short>(-2)));
        Assert.Equal(1.5f, Run(os, new DoneWithCoroutine<float>(1.5f)));
        Assert.Equal(new Rgb(1, 2, 3), Run(os, new DoneWithCoroutine<Rgb>(new Rgb(1, 2, 3))));
        Assert.Equal("text", Run(os, new DoneWithCoroutine<string>("text")));
        Guid large = Guid.NewGuid();
        Assert.Equal(large, Run(os, new DoneWithCoroutine<Guid>(large)));
        Assert.Equal(0, os.Stats.PendingOperations);

        // A value type of at most 8 bytes travels in the step: the token slot reused next holds no leftover.
        DemiTask<long> plain = os.StartCoroutine<ValueAfterYieldsCoroutine, long>(new ValueAfterYieldsCoroutine(0, 0));
        Assert.Equal(0L, plain.GetResult());
    }

    [Fact]
    public void A_value_finished_with_the_step_reaches_a_coroutine_a_continuation_and_a_detached_nobody()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int> awaited = os.StartCoroutine<DoneWithCoroutine<int>, int>(new DoneWithCoroutine<int>(20, yields: 1));
        DemiTask<int> outer = os.StartCoroutine<AwaitingTaskCoroutine, int>(new AwaitingTaskCoroutine(awaited));
        Assert.Equal(21, Run(os, outer));

        DemiTask<int> viaContinuation = os.StartCoroutine<DoneWithCoroutine<int>, int>(new DoneWithCoroutine<int>(30, yields: 2));
        DemiTask<int> plainAsync = AddOne(viaContinuation);
        Assert.Equal(31, Run(os, plainAsync));

        os.Spawn(new DoneWithCoroutine<int>(40, yields: 1));
        os.Poll();
        Assert.Equal(0, os.Stats.LiveCoroutines);
        Assert.Equal(0, os.Stats.PendingOperations);
    }

    private static T Run<T>(LibOS os, DoneWithCoroutine<T> coroutine) => Run(os, os.StartCoroutine<DoneWithCoroutine<T>, T>(coroutine));

    private static T Run<T>(LibOS os, DemiTask<T> task)
    {
        while (!task.IsCompleted)
        {
            os.Poll();
        }

        return task.GetResult();
    }

    private static async DemiTask<int> AddOne(DemiTask<int> task) => await task + 1;
}

/// <summary>A three-byte value: carried in a finishing step through the odd-size path.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B);

/// <summary>Yields <c>yields</c> times, then finishes with <c>value</c> carried by its step.</summary>
internal struct DoneWithCoroutine<T>(T value, int yields = 0) : ICoroutine
{
    private int done;

    public CoroutineStep MoveNext(in TaskContext context) =>
        done++ < yields ? CoroutineStep.Yield : CoroutineStep.DoneWith(value, in context);
}

/// <summary>Yields <c>yields</c> times, then finishes with <c>value</c>.</summary>
internal struct ValueAfterYieldsCoroutine(int yields, int value) : ICoroutine
{
    private int done;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        if (done++ < yields)
        {
            return CoroutineStep.Yield;
        }

        context.SetResult(value);
        return CoroutineStep.Done;
    }
}

/// <summary>Awaits another task (finished already or not) and finishes with its value plus one.</summary>
internal struct AwaitingTaskCoroutine(DemiTask<int> task) : ICoroutine
{
    private bool parked;

    public CoroutineStep MoveNext(in TaskContext context)
    {
        if (!parked && !task.IsCompleted)
        {
            parked = true;
            return CoroutineStep.Pending(task.Token);
        }

        context.SetResult(task.GetResult() + 1);
        return CoroutineStep.Done;
    }
}
