namespace DemiGen.Runtime.Tests;

/// <summary>Spawn(DemiTask) of a coroutine task nobody awaits drops its completion token (the generator relies on it).</summary>
public sealed class SpawnDetachTests
{
    [Fact]
    public void Spawning_an_unawaited_coroutine_task_frees_its_completion_token()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        DemiTask task = os.StartCoroutine(new ParkedCoroutine(queue));
        Assert.Equal(2, os.Stats.PendingOperations); // its completion token and the pop it parked on at once
        os.Spawn(task);
        Assert.Equal(1, os.Stats.PendingOperations);
        os.Poll();
        Assert.Equal(1, os.Stats.PendingOperations);
        Assert.Equal(1, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_spawned_coroutine_task_that_fails_reports_to_the_unhandled_exception_handler()
    {
        List<string> reported = [];
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { OnUnhandledException = e => reported.Add(e.Message) });
        os.Spawn(os.StartCoroutine(new FailingCoroutine("spawned")));
        os.Poll();
        Assert.Equal(["spawned"], reported);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void A_finished_coroutine_task_result_still_has_no_queue_descriptor()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock() });
        DemiTask<string> task = os.StartCoroutine<DelayedValueCoroutine, string>(new DelayedValueCoroutine(TimeSpan.FromMilliseconds(1), "v"));
        QResult result = os.Wait(task.Token);
        Assert.Equal(default, result.QDesc);
        Assert.Equal(DemiOpcode.Task, result.Opcode);
    }
}
