namespace DemiGen.Runtime.Tests;

public sealed class RegisteredMemoryTests
{
    [Fact]
    public void Alloc_gives_a_buffer_of_the_asked_size_that_keeps_what_is_written()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Sga sga = os.SgaAlloc(100);
        Assert.Equal(100, sga.Length);
        Assert.Equal(1, sga.SegmentCount);
        sga.Span.Fill(7);
        Assert.All(sga.ToArray(), b => Assert.Equal(7, b));
        os.SgaFree(sga);
        Assert.Equal(0, os.Stats.LiveSgas);
    }

    [Fact]
    public void Large_allocations_chain_64_KiB_segments_and_round_trip_their_bytes()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        byte[] data = new byte[200_000];
        new Random(42).NextBytes(data);
        Sga sga = os.SgaAlloc(data.Length);
        Assert.Equal(4, sga.SegmentCount);
        sga.CopyFrom(data);
        Assert.Equal(data, sga.ToArray());
        Assert.Throws<InvalidOperationException>(() => sga.Span.Length);
        os.SgaFree(sga);
    }

    [Fact]
    public void Trim_shrinks_and_releases_unused_segments()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Sga sga = os.SgaAlloc(150_000);
        sga.Trim(70_000);
        Assert.Equal(70_000, sga.Length);
        Assert.Equal(2, sga.SegmentCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => sga.Trim(80_000));
        os.SgaFree(sga);
    }

    [Fact]
    public void Double_free_throws_and_names_the_buffer()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Sga sga = os.SgaAlloc(10);
        os.SgaFree(sga);
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.SgaFree(sga));
        Assert.Contains($"sga:{sga.Index}.{sga.Generation}", e.Message);
        Assert.Contains("already freed", e.Message);
    }

    [Fact]
    public void A_stale_copy_is_detected_even_after_the_slot_is_reused()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Sga first = os.SgaAlloc(10);
        os.SgaFree(first);
        Sga second = os.SgaAlloc(10);
        Assert.Equal(first.Index, second.Index);
        Assert.Throws<DemiUsageException>(() => first.Span.Fill(1));
        Assert.Throws<DemiUsageException>(() => os.SgaFree(first));
        os.SgaFree(second);
    }

    [Fact]
    public void Freeing_the_empty_sga_does_nothing_and_using_it_is_a_clear_error()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        os.SgaFree(default);
        Assert.True(default(Sga).IsEmpty);
        Assert.Throws<DemiUsageException>(() => default(Sga).GetSegment(0));
    }

    [Fact]
    public void An_sga_of_another_libos_is_refused()
    {
        using LibOS a = LibOS.Create(LibOSKind.Catmem);
        using LibOS b = LibOS.Create(LibOSKind.Catmem);
        Sga sga = a.SgaAlloc(10);
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => b.SgaFree(sga));
        Assert.Contains("another libOS", e.Message);
        a.SgaFree(sga);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData((1 << 30) + 1)]
    public void Bad_sizes_are_refused(int size)
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        Assert.Throws<ArgumentOutOfRangeException>(() => os.SgaAlloc(size));
    }

    [Fact]
    public void Checked_mode_reports_a_write_through_a_span_kept_after_free()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { CheckedMemory = true });
        Sga sga = os.SgaAlloc(64);
        Span<byte> kept = sga.Span;
        os.SgaFree(sga);
        kept[3] = 1;
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.SgaAlloc(64));
        Assert.Contains("Write after free", e.Message);
    }

    [Fact]
    public void Checked_mode_refuses_to_touch_an_sga_lent_to_a_pending_push()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem, new LibOSOptions { CheckedMemory = true });
        QDesc queue = os.CreateQueue(capacity: 1);
        os.Wait(os.Push(queue, os.Text("a")));
        Sga lent = os.Text("b");
        QToken push = os.Push(queue, lent);
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => lent.Span[0] = 1);
        Assert.Contains("lent to a pending push", e.Message);
        os.SgaFree(os.Wait(os.Pop(queue)).Sga);
        os.Wait(push);
        lent.Span[0] = (byte)'c';
        os.SgaFree(lent);
    }

    [Fact]
    public void A_free_during_a_pending_push_is_deferred_until_the_push_completes()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue(capacity: 1);
        Sga pushedFirst = os.Text("first");
        os.Wait(os.Push(queue, pushedFirst));
        os.SgaFree(pushedFirst);
        Sga lent = os.Text("second");
        QToken push = os.Push(queue, lent);
        int liveBefore = os.Stats.LiveSgas;
        os.SgaFree(lent);
        Assert.Equal(liveBefore, os.Stats.LiveSgas);
        Assert.Throws<DemiUsageException>(() => os.SgaFree(lent));

        Sga first = os.Wait(os.Pop(queue)).Sga;
        Assert.Equal("first", first.Text());
        Assert.Equal(DemiOpcode.Push, os.Wait(push).Opcode);
        Sga second = os.Wait(os.Pop(queue)).Sga;
        Assert.Equal("second", second.Text());
        os.SgaFree(first);
        os.SgaFree(second);
        Assert.Equal(0, os.Stats.LiveSgas);
    }
}
