using System.Runtime.CompilerServices;

namespace DemiGen.Benchmarks;

/// <summary>
/// One handler body written four ways: lowered by the DemiGen generator ([DemiHandler]), and compiled by C# as
/// async ValueTask, as async ValueTask with PoolingAsyncValueTaskMethodBuilder, and as async DemiTask without the
/// attribute (DemiTask's pooled builder: the compatibility path).
/// </summary>
public static partial class HandlerBodies
{
    [DemiHandler]
    public static async DemiTask<int> YieldGenerated(LibOS os, int count)
    {
        int done = 0;
        while (done < count)
        {
            await os.YieldAsync();
            done++;
        }

        return done;
    }

    public static async ValueTask<int> YieldValueTask(LibOS os, int count)
    {
        int done = 0;
        while (done < count)
        {
            await os.YieldAsync();
            done++;
        }

        return done;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<int> YieldPoolingValueTask(LibOS os, int count)
    {
        int done = 0;
        while (done < count)
        {
            await os.YieldAsync();
            done++;
        }

        return done;
    }

    public static async DemiTask<int> YieldDemiTaskBuilder(LibOS os, int count)
    {
        int done = 0;
        while (done < count)
        {
            await os.YieldAsync();
            done++;
        }

        return done;
    }

    /// <summary>A handler parked on a pop: what a server holds per idle connection.</summary>
    [DemiHandler]
    public static async DemiTask ParkGenerated(LibOS os, QDesc queue)
    {
        Sga data = await os.PopAsync(queue);
        os.SgaFree(data);
    }

    public static async ValueTask ParkValueTask(LibOS os, QDesc queue)
    {
        Sga data = await os.PopAsync(queue);
        os.SgaFree(data);
    }

    /// <summary>Runs the scheduler until <paramref name="task"/> is done and returns its value.</summary>
    public static int Finish(LibOS os, DemiTask<int> task)
    {
        while (!task.IsCompleted)
        {
            os.Poll();
        }

        return task.GetResult();
    }

    /// <summary>Runs the scheduler until every task is done and returns the sum of their values.</summary>
    public static int FinishAll(LibOS os, DemiTask<int>[] tasks)
    {
        int sum = 0;
        foreach (DemiTask<int> task in tasks)
        {
            sum += Finish(os, task);
        }

        return sum;
    }

    /// <summary>Runs the scheduler until every task is done and returns the sum of their values.</summary>
    public static int FinishAll(LibOS os, ValueTask<int>[] tasks)
    {
        int sum = 0;
        foreach (ValueTask<int> task in tasks)
        {
            sum += Finish(os, task);
        }

        return sum;
    }

    /// <summary>Runs the scheduler until <paramref name="task"/> is done and returns its value.</summary>
    public static int Finish(LibOS os, ValueTask<int> task)
    {
        while (!task.IsCompleted)
        {
            os.Poll();
        }

        return task.GetAwaiter().GetResult();
    }
}
