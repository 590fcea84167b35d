using System.Runtime.CompilerServices;

namespace DemiGen.Benchmarks;

/// <summary>
/// Memory per live suspended handler, parked on a pop of one shared queue: managed heap growth plus registered
/// memory, divided by the number of handlers. The generated coroutine against the same body as async ValueTask.
/// </summary>
internal static class SuspendedHandlerMemoryProbe
{
    internal static void Run(int count)
    {
        Measure("generated coroutine", count, static (os, queue) => os.Spawn(HandlerBodies.ParkGenerated(os, queue)));
        Console.WriteLine($"  the generated struct (state, parameters, hoisted locals, awaiter) is {Unsafe.SizeOf<HandlerBodies.ParkGeneratedCoroutine>()} B of that");
        Measure("async ValueTask", count, static (os, queue) => _ = HandlerBodies.ParkValueTask(os, queue));
    }

    private static void Measure(string kind, int count, Action<LibOS, QDesc> start)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock(autoAdvance: false) });
        QDesc queue = os.CreateQueue();
        long before = GC.GetTotalMemory(forceFullCollection: true) + os.Stats.RegisteredMemoryBytes;
        for (int i = 0; i < count; i++)
        {
            start(os, queue);
        }

        os.Poll();
        long after = GC.GetTotalMemory(forceFullCollection: true) + os.Stats.RegisteredMemoryBytes;
        Console.WriteLine($"{count:N0} handlers suspended on a pop ({kind}): {(after - before) / (double)count:F1} B each; {os.Stats.PendingOperations:N0} pending pops");
    }
}
