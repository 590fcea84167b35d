namespace DemiGen.Runtime.Tests;

/// <summary>WhenAnyAsync: the first of several operations, awaited from async code and from a coroutine.</summary>
public sealed class WhenAnyTests
{
    [Fact]
    public void The_completed_operation_wins_and_the_other_stays_pending_and_awaitable()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc[] queues = [os.CreateQueue(), os.CreateQueue()];
        DemiTask<string> race = PopEither(os, queues);
        Sga second = os.Text("second queue");
        os.Wait(os.Push(queues[1], second));
        os.SgaFree(second);
        QResult done = os.Wait(race.Token);
        Assert.Equal(DemiOpcode.Task, done.Opcode);
        Assert.Equal("1:second queue, then 0:first queue", Seen);
        Assert.Equal(0, os.Stats.LiveSgas);
        Assert.Equal(0, os.Stats.PendingOperations);
    }

    [Fact]
    public void The_first_operation_to_complete_wins_whatever_its_position()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock() });
        DemiTask<string> order = DelaysInCompletionOrder(os);
        os.Wait(order.Token);
        Assert.Equal("2 at 1ms, 0 at 2ms, 0 at 3ms", Seen);
    }

    [Fact]
    public void Operations_completed_in_the_same_round_are_won_in_completion_order()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc[] queues = [os.CreateQueue(), os.CreateQueue(), os.CreateQueue()];
        QToken[] pops = [os.Pop(queues[0]), os.Pop(queues[1]), os.Pop(queues[2])];
        WhenAnyOperation any = os.WhenAnyAsync(pops);
        Assert.False(any.IsCompleted);
        Sga sga = os.Text("x");
        os.Wait(os.Push(queues[2], sga));
        os.Wait(os.Push(queues[0], sga));
        Assert.True(any.IsCompleted);

        WhenAnyResult first = any.GetResult();
        Assert.Equal(2, first.Index);
        Assert.Equal(queues[2], first.Result.QDesc);
        os.SgaFree(first.Result.Sga);

        // The pop of queue 0 completed while it belonged to the WhenAny: now it is an ordinary completed token.
        QResult zero = os.Wait(pops[0], TimeSpan.Zero);
        Assert.Equal(queues[0], zero.QDesc);
        os.SgaFree(zero.Sga);
        Assert.Equal(DemiError.ETIMEDOUT, os.Wait(pops[1], TimeSpan.Zero).Error);
        os.SgaFree(sga);
        os.Close(queues[1]);
        Assert.Equal(DemiError.ECANCELED, os.Wait(pops[1]).Error);
    }

    [Fact]
    public void An_operation_that_completed_before_the_call_wins_at_once_in_argument_order()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc[] queues = [os.CreateQueue(), os.CreateQueue(), os.CreateQueue()];
        DemiOperation[] pops = [os.PopAsync(queues[0]), os.PopAsync(queues[1]), os.PopAsync(queues[2])];
        Sga sga = os.Text("early");
        os.Wait(os.Push(queues[2], sga));
        os.Wait(os.Push(queues[1], sga));

        WhenAnyOperation any = os.WhenAnyAsync(pops[0], pops[1], pops[2]);
        Assert.True(any.IsCompleted);
        (int index, QResult result) = any.GetResult();
        Assert.Equal(1, index);
        Assert.Equal("early", result.Sga.Text());
        os.SgaFree(result.Sga);

        Assert.True(pops[2].IsCompleted);
        os.SgaFree(pops[2].GetResult().Sga);
        os.SgaFree(sga);
        Assert.False(pops[0].IsCompleted);
    }

    [Fact]
    public void A_pop_with_a_timeout_times_out_then_wins_the_next_race()
    {
        ManualClock clock = new();
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock });
        QDesc queue = os.CreateQueue();
        DemiTask<string> reader = PopWithTimeouts(os, queue);
        QResult idle = os.Wait(reader.Token, TimeSpan.FromMilliseconds(250));
        Assert.Equal(DemiError.ETIMEDOUT, idle.Error);

        Sga sga = os.Text("finally");
        os.Wait(os.Push(queue, sga));
        os.SgaFree(sga);
        os.Wait(reader.Token);
        Assert.Equal("timeout, timeout, finally", Seen);

        // The losing timer was cancelled: once its deadline passes nothing is left behind.
        os.Wait(os.DelayAsync(TimeSpan.FromMilliseconds(200)).Token);
        Assert.Equal(0, os.Stats.PendingOperations);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void A_coroutine_suspends_on_the_WhenAny_token_and_races_one_pop_again_and_again_without_allocating()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock() });
        DemiOperation pop = os.PopAsync(os.CreateQueue());
        for (int i = 0; i < 100; i++)
        {
            os.Wait(os.StartCoroutine<RaceCoroutine, int>(new RaceCoroutine(pop, 16)).Token);
        }

        Assert.Equal(16, RaceCoroutine.LastTimeouts);

        // The runtime may still be tiering methods up on a loaded machine (a one-off allocation); an allocation per
        // race would show in every run of 1,000 races, so the best of a few runs must be zero.
        List<long> runs = [];
        for (int run = 0; run < 5 && (runs.Count == 0 || runs[^1] != 0); run++)
        {
            DemiTask<int> measured = os.StartCoroutine<RaceCoroutine, int>(new RaceCoroutine(pop, 1000));
            long before = GC.GetAllocatedBytesForCurrentThread();
            os.Wait(measured.Token);
            runs.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(1000, RaceCoroutine.LastTimeouts);
        }

        Assert.True(runs[^1] == 0, $"bytes allocated per run of 1,000 races: {string.Join(", ", runs)}");
    }

    [Fact]
    public void A_token_with_a_waiter_is_refused_and_nothing_stays_joined()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        DemiOperation pop = os.PopAsync(queue);
        // Neither delay may fire during the test: the waits below run the scheduler, and a due timer would complete `held`.
        DemiOperation delay = os.DelayAsync(TimeSpan.FromHours(1));
        WhenAnyOperation held = os.WhenAnyAsync(delay, os.DelayAsync(TimeSpan.FromDays(1)));

        DemiUsageException refused = Assert.Throws<DemiUsageException>(() => os.WhenAnyAsync(pop, delay));
        Assert.Contains("already has a waiter (a WhenAny)", refused.Message, StringComparison.Ordinal);
        Assert.Throws<DemiUsageException>(() => os.Wait(delay.Token));

        // The pop joined the refused WhenAny first; it was released, so it can be waited.
        Assert.Equal(DemiError.ETIMEDOUT, os.Wait(pop.Token, TimeSpan.Zero).Error);
        Assert.False(held.IsCompleted);
    }

    [Fact]
    public void Misuse_is_refused_with_a_clear_message()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        using LibOS other = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        DemiOperation pop = os.PopAsync(queue);

        Assert.Contains("another libOS", Assert.Throws<DemiUsageException>(() => other.WhenAnyAsync(pop, pop)).Message, StringComparison.Ordinal);
        Assert.Contains("at least one", Assert.Throws<ArgumentException>(() => os.WhenAnyAsync(ReadOnlyMemory<QToken>.Empty)).Message, StringComparison.Ordinal);
        Assert.Contains("default DemiOperation", Assert.Throws<DemiUsageException>(() => os.WhenAnyAsync(pop, default)).Message, StringComparison.Ordinal);

        DemiTask<int> task = os.StartCoroutine<RaceCoroutine, int>(new RaceCoroutine(pop, 0));
        Assert.Contains("DemiTask", Assert.Throws<DemiUsageException>(() => os.WhenAnyAsync(new[] { pop.Token, task.Token })).Message, StringComparison.Ordinal);

        WhenAnyOperation any = os.WhenAnyAsync(pop, os.DelayAsync(TimeSpan.FromDays(1)));
        Assert.Contains("has not completed yet", Assert.Throws<DemiUsageException>(() => any.GetResult()).Message, StringComparison.Ordinal);
        Assert.Contains("not a delay", Assert.Throws<DemiUsageException>(() => os.CancelDelay(pop)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => any[2]);
        Assert.Equal(pop.Token, any[0]);
    }

    [Fact]
    public void A_WhenAny_token_consumed_by_Wait_leaves_its_operations_to_WaitNext()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock() });
        DemiOperation shorter = os.DelayAsync(TimeSpan.FromMilliseconds(1));
        DemiOperation longer = os.DelayAsync(TimeSpan.FromMilliseconds(2));
        WhenAnyOperation any = os.WhenAnyAsync(shorter, longer);

        QResult raw = os.Wait(any.Token);
        Assert.Equal(DemiOpcode.WhenAny, raw.Opcode);
        Span<QResult> rest = new QResult[2];
        Assert.Equal(1, os.WaitNext(rest));
        Assert.Equal(longer.Token, rest[0].QToken);
        Assert.Throws<DemiUsageException>(() => any.GetResult());
    }

    private static string Seen = string.Empty;

    private static async DemiTask<string> PopEither(LibOS os, QDesc[] queues)
    {
        DemiOperation first = os.PopAsync(queues[0]);
        DemiOperation second = os.PopAsync(queues[1]);
        WhenAnyResult won = await os.WhenAnyAsync(first, second);
        string text = $"{won.Index}:{won.Result.Sga.Text()}";
        os.SgaFree(won.Result.Sga);

        Sga late = os.Text("first queue");
        await os.PushAsync(queues[0], late);
        os.SgaFree(late);
        Sga rest = await first;
        Seen = $"{text}, then 0:{rest.Text()}";
        os.SgaFree(rest);
        return Seen;
    }

    private static async DemiTask<string> DelaysInCompletionOrder(LibOS os)
    {
        DemiOperation three = os.DelayAsync(TimeSpan.FromMilliseconds(3));
        DemiOperation two = os.DelayAsync(TimeSpan.FromMilliseconds(2));
        DemiOperation one = os.DelayAsync(TimeSpan.FromMilliseconds(1));
        List<string> order = [];
        WhenAnyResult won = await os.WhenAnyAsync(two, three, one);
        order.Add($"{won.Index} at {os.Clock.NowNanoseconds / 1_000_000}ms");
        won = await os.WhenAnyAsync(two, three);
        order.Add($"{won.Index} at {os.Clock.NowNanoseconds / 1_000_000}ms");
        won = await os.WhenAnyAsync(new[] { three.Token });
        order.Add($"{won.Index} at {os.Clock.NowNanoseconds / 1_000_000}ms");
        Seen = string.Join(", ", order);
        return Seen;
    }

    private static async DemiTask<string> PopWithTimeouts(LibOS os, QDesc queue)
    {
        DemiOperation pop = os.PopAsync(queue);
        List<string> seen = [];
        while (true)
        {
            DemiOperation timer = os.DelayAsync(TimeSpan.FromMilliseconds(100));
            WhenAnyResult won = await os.WhenAnyAsync(pop, timer);
            if (won.Index == 1)
            {
                seen.Add("timeout");
                continue;
            }

            os.CancelDelay(timer);
            seen.Add(won.Result.Sga.Text());
            os.SgaFree(won.Result.Sga);
            break;
        }

        Seen = string.Join(", ", seen);
        return Seen;
    }

    /// <summary>A hand-written coroutine racing a pop against a delay, as generated code does: it suspends on the WhenAny's token.</summary>
    private struct RaceCoroutine(DemiOperation pop, int rounds) : ICoroutine
    {
        public static int LastTimeouts;

        private int state;
        private int timeouts;
        private WhenAnyOperation race;

        public CoroutineStep MoveNext(in TaskContext context)
        {
            LibOS os = context.OS;
            while (true)
            {
                if (state == 1)
                {
                    WhenAnyResult won = race.GetResult();
                    if (won.Index == 0)
                    {
                        throw new InvalidOperationException("nothing was pushed, the pop cannot win");
                    }

                    timeouts++;
                }

                if (timeouts == rounds)
                {
                    LastTimeouts = timeouts;
                    context.SetResult(timeouts);
                    return CoroutineStep.Done;
                }

                race = os.WhenAnyAsync(pop, os.DelayAsync(TimeSpan.FromMilliseconds(1)));
                state = 1;
                if (!race.IsCompleted)
                {
                    return CoroutineStep.Pending(race.Token);
                }
            }
        }
    }
}
