namespace DemiGen.Runtime.Tests;

/// <summary>Delays: the timer heap keeps deadline order through removals, and a cancelled delay is gone at once.</summary>
public class TimerTests
{
    [Fact]
    public void Heap_pops_in_deadline_order_after_removals_anywhere()
    {
        TimerHeap heap = new();
        Random random = new(7);
        List<(long Deadline, QToken Token)> live = [];
        for (int i = 0; i < 500; i++)
        {
            QToken token = QToken.From(i, 1);
            long deadline = random.Next(0, 1000);
            heap.Add(deadline, token);
            live.Add((deadline, token));
        }

        foreach ((long _, QToken token) in live.Where((_, i) => i % 3 == 0).ToList())
        {
            Assert.True(heap.TryRemove(token));
            Assert.False(heap.TryRemove(token));
            live.RemoveAll(t => t.Token == token);
        }

        Assert.False(heap.TryRemove(QToken.From(1, 2)));
        long previous = long.MinValue;
        int popped = 0;
        while (heap.TryPopDue(long.MaxValue, out QToken token))
        {
            long deadline = live.Single(t => t.Token == token).Deadline;
            Assert.True(deadline >= previous, $"deadline {deadline} after {previous}");
            previous = deadline;
            popped++;
        }

        Assert.Equal(live.Count, popped);
        Assert.Equal(0, heap.Count);
    }

    [Fact]
    public void Cancelled_delay_is_freed_at_once_and_the_others_still_fire_in_order()
    {
        ManualClock clock = new(autoAdvance: false);
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock });
        DemiOperation[] delays = [.. new[] { 5, 1, 3, 2, 4 }.Select(ms => os.DelayAsync(TimeSpan.FromMilliseconds(ms)))];
        Assert.Equal(5, os.Stats.PendingOperations);

        os.CancelDelay(delays[2]);
        os.CancelDelay(delays[1]);
        Assert.Equal(3, os.Stats.PendingOperations);
        Assert.Throws<DemiUsageException>(() => os.Wait(delays[1].Token));

        List<int> fired = [];
        for (int ms = 1; ms <= 5; ms++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            os.Poll();
            for (int i = 0; i < delays.Length; i++)
            {
                if (i is not (1 or 2) && !fired.Contains(i) && delays[i].IsCompleted)
                {
                    fired.Add(i);
                }
            }
        }

        Assert.Equal([3, 4, 0], fired);
    }

    [Fact]
    public void Racing_pops_against_long_timeouts_holds_no_cancelled_timers()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        Sga item = os.SgaAlloc(1);
        int baseline = os.Stats.PendingOperations;
        for (int i = 0; i < 10_000; i++)
        {
            DemiOperation pop = os.PopAsync(queue);
            DemiOperation timeout = os.DelayAsync(TimeSpan.FromDays(1));
            WhenAnyOperation race = os.WhenAnyAsync(pop, timeout);
            os.Wait(os.Push(queue, item));
            while (!race.IsCompleted)
            {
                os.Poll();
            }

            WhenAnyResult won = race.GetResult();
            Assert.Equal(0, won.Index);
            os.CancelDelay(timeout);
            os.SgaFree(won.Result.Sga);
        }

        Assert.Equal(baseline, os.Stats.PendingOperations);
        os.SgaFree(item);
    }
}
