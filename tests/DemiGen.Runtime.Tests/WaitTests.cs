using System.Runtime.CompilerServices;

namespace DemiGen.Runtime.Tests;

public sealed class WaitTests
{
    [Fact]
    public void A_wait_that_times_out_leaves_the_token_valid()
    {
        ManualClock clock = new();
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock });
        QDesc queue = os.CreateQueue();
        QToken pop = os.Pop(queue);
        QResult timedOut = os.Wait(pop, TimeSpan.FromSeconds(5));
        Assert.Equal(DemiError.ETIMEDOUT, timedOut.Error);
        Assert.Equal(5_000_000_000, clock.NowNanoseconds);

        Sga sga = os.Text("late");
        os.Wait(os.Push(queue, sga));
        QResult popped = os.Wait(pop);
        Assert.Equal("late", popped.Sga.Text());
        os.SgaFree(popped.Sga);
        os.SgaFree(sga);
    }

    [Fact]
    public void WaitAny_returns_the_index_of_the_completed_token_and_leaves_the_others()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc[] queues = [os.CreateQueue(), os.CreateQueue(), os.CreateQueue()];
        QToken[] pops = [os.Pop(queues[0]), os.Pop(queues[1]), os.Pop(queues[2])];
        Sga sga = os.Text("x");
        os.Push(queues[1], sga);

        int index = os.WaitAny(pops, out QResult result);
        Assert.Equal(1, index);
        Assert.Equal(queues[1], result.QDesc);
        os.SgaFree(result.Sga);

        Assert.Equal(-1, os.WaitAny([pops[0], pops[2]], out QResult none, TimeSpan.Zero));
        Assert.Equal(DemiError.ETIMEDOUT, none.Error);
        os.Push(queues[2], sga);
        Assert.Equal(1, os.WaitAny([pops[0], pops[2]], out QResult second));
        os.SgaFree(second.Sga);
        os.SgaFree(sga);
    }

    [Fact]
    public void WaitNext_returns_completions_nobody_waited_for_in_completion_order()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc a = os.CreateQueue();
        QDesc b = os.CreateQueue();
        QToken popA = os.Pop(a);
        QToken popB = os.Pop(b);
        Sga sga = os.Text("data");
        os.Push(b, sga);
        os.Push(a, sga);

        Span<QResult> results = new QResult[8];
        int n = os.WaitNext(results);
        Assert.Equal(4, n);
        Assert.Equal([DemiOpcode.Pop, DemiOpcode.Push, DemiOpcode.Pop, DemiOpcode.Push], results[..n].ToArray().Select(r => r.Opcode));
        Assert.Equal(popB, results[0].QToken);
        Assert.Equal(popA, results[2].QToken);
        os.SgaFree(results[0].Sga);
        os.SgaFree(results[2].Sga);
        os.SgaFree(sga);
        Assert.Equal(0, os.WaitNext(results, TimeSpan.Zero));
    }

    [Fact]
    public void A_consumed_token_cannot_be_waited_again()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QToken timer = os.DelayAsync(TimeSpan.Zero).Token;
        os.Wait(timer);
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.Wait(timer));
        Assert.Contains(timer.ToString(), e.Message);
    }

    [Fact]
    public void A_token_awaited_by_a_coroutine_cannot_also_be_waited()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        StrongBox<QToken> parkedOn = new();
        os.Spawn(os.StartCoroutine(new ParkedCoroutine(queue, parkedOn)));
        os.Poll();
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.Wait(parkedOn.Value));
        Assert.Contains("already has a waiter", e.Message);
        os.Wait(os.Close(queue));
    }

    [Fact]
    public void A_wait_that_nothing_can_complete_is_reported_as_a_deadlock()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { SpinBudget = 1 });
        QDesc queue = os.CreateQueue();
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.Wait(os.Pop(queue)));
        Assert.Contains("deadlock", e.Message);
    }

    [Fact]
    public void Calls_from_another_thread_are_refused()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Exception? error = null;
        Thread other = new(() => error = Record.Exception(() => os.SgaAlloc(1)));
        other.Start();
        other.Join();
        DemiUsageException e = Assert.IsType<DemiUsageException>(error);
        Assert.Contains("belongs to thread", e.Message);
    }

    [Fact]
    public void Unknown_descriptors_are_refused_with_their_name()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.Pop(new QDesc(12345)));
        Assert.Contains("qd:12345", e.Message);
    }
}
