namespace DemiGen;

/// <summary>
/// A bounded in-memory FIFO of Sgas, like a buffered Go channel. A push copies its Sga into a buffer the queue owns
/// and completes as soon as there is room; a pop completes with that buffer, which the popper then owns. Pops wait
/// while the queue is empty, pushes while it is full; a close fails both with <see cref="DemiError.ECANCELED"/>.
/// </summary>
internal sealed class MemoryQueue : IoQueue
{
    private readonly LibOS os;
    private readonly int capacity;
    private readonly Queue<Sga> items = new();
    private readonly Queue<QToken> waitingPops = new();
    private readonly Queue<(QToken Token, Sga Sga)> waitingPushes = new();

    internal MemoryQueue(LibOS os, int capacity)
    {
        this.os = os;
        this.capacity = capacity;
    }

    internal override string Kind => "in-memory queue";

    internal override void Push(QToken qt, Sga sga)
    {
        if (items.Count >= capacity && waitingPops.Count == 0)
        {
            waitingPushes.Enqueue((qt, sga));
            return;
        }

        Deliver(Copy(sga));
        os.CompletePush(qt, sga);
    }

    internal override void Pop(QToken qt)
    {
        if (items.TryDequeue(out Sga item))
        {
            os.CompletePop(qt, item);
            AdmitWaitingPush();
            return;
        }

        waitingPops.Enqueue(qt);
    }

    internal override void Close(QToken qt)
    {
        Abort();
        os.CompleteOk(qt, DemiOpcode.Close);
    }

    internal override void Abort()
    {
        while (waitingPops.TryDequeue(out QToken pop))
        {
            os.CompleteFailed(pop, DemiError.ECANCELED);
        }

        while (waitingPushes.TryDequeue(out (QToken Token, Sga Sga) push))
        {
            os.CompletePush(push.Token, push.Sga, DemiError.ECANCELED);
        }

        while (items.TryDequeue(out Sga item))
        {
            os.Memory.Free(item);
        }
    }

    private void Deliver(Sga copy)
    {
        if (waitingPops.TryDequeue(out QToken pop))
        {
            os.CompletePop(pop, copy);
        }
        else
        {
            items.Enqueue(copy);
        }
    }

    private void AdmitWaitingPush()
    {
        if (waitingPushes.TryDequeue(out (QToken Token, Sga Sga) push))
        {
            Deliver(Copy(push.Sga));
            os.CompletePush(push.Token, push.Sga);
        }
    }

    private Sga Copy(Sga source)
    {
        Sga copy = os.Memory.Allocate(Math.Max(1, os.Memory.LengthAt(source.Index)));
        int written = 0;
        for (int buffer = os.Memory.FirstBufferOf(source.Index); buffer >= 0; buffer = os.Memory.NextBuffer(buffer))
        {
            Span<byte> segment = os.Memory.BufferSpan(buffer);
            CopyInto(copy, written, segment);
            written += segment.Length;
        }

        return copy;
    }

    private void CopyInto(Sga destination, int offset, ReadOnlySpan<byte> bytes)
    {
        int segmentIndex = offset / RegisteredMemory.MaxSegmentBytes;
        int within = offset % RegisteredMemory.MaxSegmentBytes;
        while (!bytes.IsEmpty)
        {
            Span<byte> segment = os.Memory.Segment(destination, segmentIndex)[within..];
            int n = Math.Min(segment.Length, bytes.Length);
            bytes[..n].CopyTo(segment);
            bytes = bytes[n..];
            segmentIndex++;
            within = 0;
        }
    }
}
