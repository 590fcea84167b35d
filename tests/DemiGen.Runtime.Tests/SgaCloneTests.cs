namespace DemiGen.Runtime.Tests;

public sealed class SgaCloneTests
{
    private const byte Poison = 0xDB;

    [Fact]
    public void A_clone_is_a_new_handle_over_the_same_bytes()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        byte[] data = Pattern(150_000);
        Sga original = os.SgaAlloc(data.Length);
        original.CopyFrom(data);

        Sga clone = os.SgaClone(original);

        Assert.NotEqual(original, clone);
        Assert.Equal(data, clone.ToArray());
        Assert.Equal(original.SegmentCount, clone.SegmentCount);
        Assert.Equal(2, os.Stats.LiveSgas);
        clone.GetSegment(0)[0] = 99;
        Assert.Equal(99, original.GetSegment(0)[0]);
        os.SgaFree(original);
        os.SgaFree(clone);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void The_clone_stays_valid_after_the_original_is_freed()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { CheckedMemory = true });
        byte[] data = Pattern(3000);
        Sga original = os.SgaAlloc(data.Length);
        original.CopyFrom(data);
        Sga clone = os.SgaClone(original);

        os.SgaFree(original);

        Assert.Throws<DemiUsageException>(() => original.ToArray());
        Assert.Equal(data, clone.ToArray());
        Assert.Equal(1, os.Stats.LiveSgas);
        os.SgaFree(clone);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void Checked_mode_poisons_the_buffers_only_when_the_last_handle_is_freed()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { CheckedMemory = true });
        Sga original = os.SgaAlloc(64);
        original.Span.Fill(7);
        Sga first = os.SgaClone(original);
        Sga second = os.SgaClone(first);
        Span<byte> bytes = original.Span;

        os.SgaFree(original);
        os.SgaFree(second);
        Assert.All(bytes.ToArray(), b => Assert.Equal(7, b));

        os.SgaFree(first);
        Assert.All(bytes.ToArray(), b => Assert.Equal(Poison, b));
    }

    [Fact]
    public void Trim_is_refused_while_the_buffers_are_shared_and_allowed_after_the_others_are_freed()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Sga original = os.SgaAlloc(100_000);
        Sga clone = os.SgaClone(original);

        DemiUsageException e = Assert.Throws<DemiUsageException>(() => clone.Trim(10));
        Assert.Contains("SgaClone", e.Message);
        Assert.Throws<DemiUsageException>(() => original.Trim(10));
        Assert.Equal(100_000, clone.Length);

        os.SgaFree(original);
        clone.Trim(10);
        Assert.Equal(10, clone.Length);
        Assert.Equal(1, clone.SegmentCount);
        os.SgaFree(clone);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void Two_clones_of_one_value_can_be_lent_to_two_pushes_at_once()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc left = os.CreateQueue(capacity: 1);
        QDesc right = os.CreateQueue(capacity: 1);
        Fill(os, left);
        Fill(os, right);
        byte[] data = Pattern(70_000);
        Sga value = os.SgaAlloc(data.Length);
        value.CopyFrom(data);

        // Both queues are full, so both pushes stay pending: each borrows its own handle over the same bytes.
        Sga toLeft = os.SgaClone(value);
        Sga toRight = os.SgaClone(value);
        QToken pushLeft = os.Push(left, toLeft);
        QToken pushRight = os.Push(right, toRight);
        os.SgaFree(value);
        os.SgaFree(toLeft);
        os.SgaFree(toRight);

        os.SgaFree(os.Wait(os.Pop(left)).Sga);
        os.SgaFree(os.Wait(os.Pop(right)).Sga);
        Assert.False(os.Wait(pushLeft).Failed);
        Assert.False(os.Wait(pushRight).Failed);
        Sga arrivedLeft = os.Wait(os.Pop(left)).Sga;
        Sga arrivedRight = os.Wait(os.Pop(right)).Sga;
        Assert.Equal(data, arrivedLeft.ToArray());
        Assert.Equal(data, arrivedRight.ToArray());
        os.SgaFree(arrivedLeft);
        os.SgaFree(arrivedRight);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void A_lent_sga_can_be_cloned()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { CheckedMemory = true });
        QDesc queue = os.CreateQueue(capacity: 1);
        Fill(os, queue);
        Sga lent = os.Text("value");
        QToken push = os.Push(queue, lent);

        Sga clone = os.SgaClone(lent);
        os.SgaFree(lent);

        os.SgaFree(os.Wait(os.Pop(queue)).Sga);
        os.Wait(push);
        Assert.Equal("value", clone.Text());
        Sga pushed = os.Wait(os.Pop(queue)).Sga;
        Assert.Equal("value", pushed.Text());
        os.SgaFree(pushed);
        os.SgaFree(clone);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void A_clone_freed_twice_is_detected()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Sga original = os.SgaAlloc(10);
        Sga clone = os.SgaClone(original);
        os.SgaFree(clone);

        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.SgaFree(clone));
        Assert.Contains("already freed", e.Message);
        Assert.Equal(1, os.Stats.LiveSgas);
        os.SgaFree(original);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void Cloning_a_freed_empty_or_foreign_sga_is_refused()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        using LibOS other = LibOS.Create(LibOSKind.Catmem);
        Sga freed = os.SgaAlloc(10);
        os.SgaFree(freed);
        Sga foreign = other.SgaAlloc(10);

        Assert.Contains("already freed", Assert.Throws<DemiUsageException>(() => os.SgaClone(freed)).Message);
        Assert.Contains("empty", Assert.Throws<DemiUsageException>(() => os.SgaClone(default)).Message);
        Assert.Contains("another libOS", Assert.Throws<DemiUsageException>(() => os.SgaClone(foreign)).Message);
        Assert.Equal(0, os.Stats.LiveSgas);
        other.SgaFree(foreign);
    }

    [Fact]
    public void Cloning_on_another_thread_is_refused()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Sga original = os.SgaAlloc(10);
        Exception? failure = null;
        Thread thread = new(() => failure = Record.Exception(() => os.SgaClone(original)));
        thread.Start();
        thread.Join();

        Assert.IsType<DemiUsageException>(failure);
        Assert.Equal(1, os.Stats.LiveSgas);
        os.SgaFree(original);
    }

    private static void Fill(LibOS os, QDesc queue)
    {
        Sga filler = os.Text("filler");
        os.Wait(os.Push(queue, filler));
        os.SgaFree(filler);
    }

    private static byte[] Pattern(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }
}
