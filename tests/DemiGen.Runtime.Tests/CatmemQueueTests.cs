namespace DemiGen.Runtime.Tests;

public sealed class CatmemQueueTests
{
    [Fact]
    public void Items_come_out_in_the_order_they_went_in()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        foreach (string word in new[] { "one", "two", "three" })
        {
            Sga sga = os.Text(word);
            os.Wait(os.Push(queue, sga));
            os.SgaFree(sga);
        }

        foreach (string word in new[] { "one", "two", "three" })
        {
            QResult popped = os.Wait(os.Pop(queue));
            Assert.Equal(DemiOpcode.Pop, popped.Opcode);
            Assert.Equal(queue, popped.QDesc);
            Assert.Equal(word, popped.Sga.Text());
            os.SgaFree(popped.Sga);
        }
    }

    [Fact]
    public void A_pop_waits_until_a_coroutine_pushes()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc input = os.CreateQueue();
        QDesc output = os.CreateQueue();
        DemiTask<int> forwarder = os.StartCoroutine<ForwardCoroutine, int>(new ForwardCoroutine(input, output, 2));
        QToken firstPop = os.Pop(output);
        Sga hello = os.Text("hello");
        os.Wait(os.Push(input, hello));
        os.SgaFree(hello);

        QResult first = os.Wait(firstPop);
        Assert.Equal("hello", first.Sga.Text());
        os.SgaFree(first.Sga);

        Sga world = os.Text("world");
        os.Wait(os.Push(input, world));
        os.SgaFree(world);
        QResult done = os.Wait(forwarder.Token);
        Assert.Equal(DemiOpcode.Task, done.Opcode);
        QResult second = os.Wait(os.Pop(output));
        Assert.Equal("world", second.Sga.Text());
        os.SgaFree(second.Sga);
    }

    [Fact]
    public void Close_fails_pending_pops_with_ECANCELED_and_invalidates_the_descriptor()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        QToken pop = os.Pop(queue);
        QResult closed = os.Wait(os.Close(queue));
        Assert.Equal(DemiOpcode.Close, closed.Opcode);
        QResult failed = os.Wait(pop);
        Assert.Equal(DemiOpcode.Failed, failed.Opcode);
        Assert.Equal(DemiError.ECANCELED, failed.Error);
        DemiUsageException e = Assert.Throws<DemiUsageException>(() => os.Pop(queue));
        Assert.Contains(queue.ToString(), e.Message);
        Assert.Contains("unknown or closed", e.Message);
    }

    [Fact]
    public void Close_frees_items_nobody_popped()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        Sga sga = os.Text("left behind");
        os.Wait(os.Push(queue, sga));
        os.SgaFree(sga);
        os.Wait(os.Close(queue));
        Assert.Equal(0, os.Stats.LiveSgas);
        Assert.Equal(0, os.Stats.OpenQueues);
    }

    [Fact]
    public void A_full_queue_holds_the_push_until_a_pop_makes_room()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue(capacity: 1);
        Sga a = os.Text("a");
        Sga b = os.Text("b");
        os.Wait(os.Push(queue, a));
        QToken blocked = os.Push(queue, b);
        Assert.Equal(DemiError.ETIMEDOUT, os.Wait(blocked, TimeSpan.Zero).Error);
        QResult popped = os.Wait(os.Pop(queue));
        Assert.Equal("a", popped.Sga.Text());
        Assert.Equal(DemiOpcode.Push, os.Wait(blocked).Opcode);
        os.SgaFree(popped.Sga);
        os.SgaFree(a);
        os.SgaFree(b);
    }

    [Fact]
    public void Sockets_are_refused_on_catmem_with_EOPNOTSUPP()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        DemiException e = Assert.Throws<DemiException>(() => os.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream));
        Assert.Equal(DemiError.EOPNOTSUPP, e.Error);
    }

    [Fact]
    public void Accept_on_a_memory_queue_is_refused_with_the_queue_named()
    {
        using LibOS os = LibOS.Create(LibOSKind.Catmem);
        QDesc queue = os.CreateQueue();
        DemiException e = Assert.Throws<DemiException>(() => os.Accept(queue));
        Assert.Equal(DemiError.EOPNOTSUPP, e.Error);
        Assert.Contains(queue.ToString(), e.Message);
    }
}
