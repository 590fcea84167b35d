namespace DemiGen.Runtime.Tests;

public sealed class MillionCoroutinesTests
{
    [Fact]
    public void A_million_suspended_coroutines_are_held_and_each_resumes_when_its_timer_fires()
    {
        ManualClock clock = new(autoAdvance: false);
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = clock });
        const int Count = 1_000_000;
        for (int i = 0; i < Count; i++)
        {
            os.Spawn(os.StartCoroutine(new DelayedValueCoroutine(TimeSpan.FromSeconds(1 + (i % 2)), "done")));
        }

        os.Poll();
        Assert.Equal(Count, os.Stats.LiveCoroutines);
        clock.Advance(TimeSpan.FromSeconds(1));
        os.Poll();
        os.Poll();
        Assert.Equal(Count / 2, os.Stats.LiveCoroutines);
        clock.Advance(TimeSpan.FromSeconds(1));
        os.Poll();
        os.Poll();
        Assert.Equal(0, os.Stats.LiveCoroutines);
        Assert.Equal(0, os.Stats.PendingOperations);
    }
}
