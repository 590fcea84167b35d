using System.Runtime.CompilerServices;

namespace DemiGen.Benchmarks;

/// <summary>
/// Measures what a live suspended coroutine costs: managed heap growth plus registered memory, divided by the
/// number of coroutines, with the hoisted state (the struct itself) reported separately. Two cases: parked on a
/// pop of one shared in-memory queue (the server case: a handler waiting for data), and parked on a timer.
/// </summary>
internal static class SuspendedCoroutineMemoryProbe
{
    internal static void Run(int count)
    {
        Measure("pop of a shared queue", count, (os, queue) => os.Spawn(new ParkedOnPop(queue)), Unsafe.SizeOf<ParkedOnPop>());
        Measure("timer (DelayAsync)", count, (os, _) => os.Spawn(new ParkedOnTimer()), Unsafe.SizeOf<ParkedOnTimer>());
    }

    private static void Measure(string parkedOn, int count, Action<LibOS, QDesc> spawn, int hoisted)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock(autoAdvance: false) });
        QDesc queue = os.CreateQueue();
        long before = GC.GetTotalMemory(forceFullCollection: true) + os.Stats.RegisteredMemoryBytes;
        for (int i = 0; i < count; i++)
        {
            spawn(os, queue);
        }

        os.Poll();
        long after = GC.GetTotalMemory(forceFullCollection: true) + os.Stats.RegisteredMemoryBytes;
        double perCoroutine = (after - before) / (double)os.Stats.LiveCoroutines;
        Console.WriteLine($"{os.Stats.LiveCoroutines:N0} coroutines suspended on a {parkedOn}: {perCoroutine:F1} B each " +
            $"= {hoisted} B hoisted state + {perCoroutine - hoisted:F1} B of runtime tables");
    }

    private struct ParkedOnPop(QDesc queue) : ICoroutine
    {
        private DemiOperation pop;
        private bool started;

        public CoroutineStep MoveNext(in TaskContext context)
        {
            if (started)
            {
                context.OS.SgaFree(pop.GetResult());
                return CoroutineStep.Done;
            }

            started = true;
            pop = context.OS.PopAsync(queue);
            return CoroutineStep.Pending(pop.Token);
        }
    }

    private struct ParkedOnTimer : ICoroutine
    {
        private DemiOperation timer;
        private bool started;

        public CoroutineStep MoveNext(in TaskContext context)
        {
            if (started)
            {
                timer.GetResult();
                return CoroutineStep.Done;
            }

            started = true;
            timer = context.OS.DelayAsync(TimeSpan.FromHours(1));
            return CoroutineStep.Pending(timer.Token);
        }
    }
}
