namespace DemiGen.Runtime.Tests;

/// <summary>Task slots point at their coroutine's page: ids and slots reused across pages and types resume the right coroutine.</summary>
public sealed class CoroutinePageTests
{
    [Fact]
    public void A_task_id_reused_by_another_coroutine_type_resumes_the_new_coroutine()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { Clock = new ManualClock() });
        List<string> log = [];
        os.Wait(os.StartCoroutine(new YieldingCoroutine("first", 1, log)).Token);
        DemiTask<string> other = os.StartCoroutine<DelayedValueCoroutine, string>(new DelayedValueCoroutine(TimeSpan.FromSeconds(1), "second"));
        os.Wait(other.Token);
        DemiTask again = os.StartCoroutine(new YieldingCoroutine("third", 1, log));
        os.Wait(again.Token);
        Assert.Equal(["first0", "first1", "third0", "third1"], log);
        Assert.Equal(0, os.Stats.LiveCoroutines);
    }

    [Fact]
    public void Coroutines_on_several_pages_each_resume_their_own_state_and_their_slots_are_reused()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        const int Count = 700;
        for (int round = 0; round < 2; round++)
        {
            List<string> log = [];
            DemiTask[] tasks = Enumerable.Range(0, Count).Select(i => os.StartCoroutine(new YieldingCoroutine($"t{i}.", 2, log))).ToArray();
            Assert.Equal(Count, os.Stats.LiveCoroutines);
            foreach (DemiTask task in tasks)
            {
                os.Wait(task.Token);
            }

            string[] expected = Enumerable.Range(0, 3).SelectMany(step => Enumerable.Range(0, Count).Select(i => $"t{i}.{step}")).ToArray();
            Assert.Equal(expected, log);
            Assert.Equal(0, os.Stats.LiveCoroutines);
        }
    }
}
