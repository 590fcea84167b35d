using System.Net;
using System.Net.Sockets;

namespace DemiGen.Catnap.Tests;

/// <summary>Timeouts of waits on sockets, and wake-ups of a libOS blocked in epoll_wait.</summary>
public sealed class WaitingTests
{
    [Fact]
    public void A_wait_that_times_out_reports_ETIMEDOUT_and_the_pop_completes_later()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap);
        (QDesc client, QDesc served) = ConnectionEndTests.ConnectedPair(os);
        QToken pop = os.Pop(served);

        QResult early = os.Wait(pop, TimeSpan.FromMilliseconds(20));
        Assert.Equal(DemiError.ETIMEDOUT, early.Error);

        Loopback.Push(os, client, "late"u8);
        QResult popped = os.Wait(pop, Loopback.Patience);
        Assert.Equal("late"u8.ToArray(), popped.Sga.ToArray());
        os.SgaFree(popped.Sga);
    }

    [Fact]
    public void WaitAny_times_out_with_minus_one_when_no_socket_is_ready()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap, new LibOSOptions { SpinBudget = 0 });
        (QDesc client, QDesc served) = ConnectionEndTests.ConnectedPair(os);
        QToken[] pops = [os.Pop(client), os.Pop(served)];

        Assert.Equal(-1, os.WaitAny(pops, out QResult result, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(DemiError.ETIMEDOUT, result.Error);
    }

    [Fact]
    public void A_libos_blocked_in_epoll_wait_wakes_for_a_completion_from_another_thread()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap, new LibOSOptions { SpinBudget = 0 });
        TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        DemiTask waiter = AwaitForeign(signal.Task);
        using Timer timer = new(_ => signal.SetResult(), null, 30, Timeout.Infinite);

        QResult done = os.Wait(waiter.Token, Loopback.Patience);

        Assert.Equal(DemiError.None, done.Error);
    }

    [Fact]
    public void A_delay_on_catnap_fires_while_sockets_are_idle()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catnap, new LibOSOptions { SpinBudget = 0 });
        ConnectionEndTests.ConnectedPair(os);

        QResult fired = os.Wait(os.DelayAsync(TimeSpan.FromMilliseconds(5)).Token, Loopback.Patience);

        Assert.Equal(DemiOpcode.Delay, fired.Opcode);
    }

    private static async DemiTask AwaitForeign(Task task) => await task;
}
