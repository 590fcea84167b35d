namespace DemiGen;

/// <summary>The queues of one libOS by descriptor; a generation in each descriptor detects use after close.</summary>
internal sealed class QueueTable
{
    private const int IndexBits = 24;
    private const int IndexMask = (1 << IndexBits) - 1;

    private IoQueue?[] queues = new IoQueue?[64];
    private byte[] generations = new byte[64];
    private readonly Stack<int> free = new();
    private int count = 1;

    internal int Count { get; private set; }

    internal QDesc Add(IoQueue queue)
    {
        int index;
        if (!free.TryPop(out index))
        {
            if (count > IndexMask)
            {
                throw new DemiException(DemiError.EMFILE, $"the libOS holds {IndexMask} queues already.");
            }

            if (count == queues.Length)
            {
                Array.Resize(ref queues, queues.Length * 2);
                Array.Resize(ref generations, generations.Length * 2);
            }

            index = count++;
        }

        queues[index] = queue;
        queue.Qd = new QDesc(((generations[index] & 0x7F) << IndexBits) | index);
        Count++;
        return queue.Qd;
    }

    internal IoQueue Get(QDesc qd, string operation)
    {
        int index = qd.Value & IndexMask;
        IoQueue? queue = (uint)index < (uint)queues.Length ? queues[index] : null;
        if (queue is null || queue.Qd != qd)
        {
            throw new DemiUsageException($"{operation}: {qd} is unknown or closed.");
        }

        return queue;
    }

    internal void Remove(QDesc qd)
    {
        int index = qd.Value & IndexMask;
        queues[index] = null;
        generations[index]++;
        free.Push(index);
        Count--;
    }

    internal IEnumerable<IoQueue> All()
    {
        foreach (IoQueue? queue in queues)
        {
            if (queue is not null)
            {
                yield return queue;
            }
        }
    }
}
