namespace DemiGen.Runtime.Tests;

/// <summary>async DemiTask methods compiled by the C# compiler, running on the libOS through DemiTask's builder.</summary>
public sealed class CompatibilityPathTests
{
    [Fact]
    public void An_async_DemiTask_method_awaits_queue_operations_and_returns_a_value()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        DemiTask<string> reader = ReadOne(os, queue);
        Assert.False(reader.IsCompleted);
        Sga sga = os.Text("through the builder");
        os.Wait(os.Push(queue, sga));
        os.SgaFree(sga);
        os.Wait(reader.Token, TimeSpan.FromSeconds(10));
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void A_task_value_is_delivered_to_an_awaiting_async_method()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock() });
        DemiTask<int> sum = SumAfterDelays(os, 5);
        DemiTask<int> doubled = Double(sum);
        QResult done = os.Wait(doubled.Token);
        Assert.Equal(DemiOpcode.Task, done.Opcode);
        Assert.Equal(5_000_000, os.Clock.NowNanoseconds);
    }

    [Fact]
    public void A_synchronously_completing_method_returns_a_completed_task()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<int> task = Immediate(41);
        Assert.True(task.IsCompleted);
        Assert.Equal(42, task.GetResult());
    }

    [Fact]
    public void An_exception_reaches_the_awaiter()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiTask<string> caught = Catch(Throw(os));
        os.Wait(caught.Token);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_foreign_await_resumes_on_the_libos_thread()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        int owner = Environment.CurrentManagedThreadId;
        DemiTask<int> task = ThreadAfterTaskDelay(os);
        os.Wait(task.Token, TimeSpan.FromSeconds(30));
        Assert.Equal(owner, ThreadSeen);
    }

    private static int ThreadSeen;

    private static async DemiTask<string> ReadOne(LibOS os, QDesc queue)
    {
        Sga sga = await os.PopAsync(queue);
        string text = sga.Text();
        os.SgaFree(sga);
        return text;
    }

    private static async DemiTask<int> SumAfterDelays(LibOS os, int count)
    {
        int sum = 0;
        for (int i = 1; i <= count; i++)
        {
            await os.DelayAsync(TimeSpan.FromMilliseconds(1));
            await os.YieldAsync();
            sum += i;
        }

        return sum;
    }

    private static async DemiTask<int> Double(DemiTask<int> inner)
    {
        int value = await inner;
        if (value != 15)
        {
            throw new InvalidOperationException($"expected 15, got {value}");
        }

        return value * 2;
    }

    private static async DemiTask<int> Immediate(int value)
    {
        await Task.CompletedTask;
        return value + 1;
    }

    private static async DemiTask Throw(LibOS os)
    {
        await os.YieldAsync();
        throw new FormatException("bad");
    }

    private static async DemiTask<string> Catch(DemiTask inner)
    {
        try
        {
            await inner;
            throw new InvalidOperationException("no exception arrived");
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static async DemiTask<int> ThreadAfterTaskDelay(LibOS os)
    {
        await Task.Delay(1);
        ThreadSeen = Environment.CurrentManagedThreadId;
        await os.YieldAsync();
        return ThreadSeen;
    }
}
