namespace DemiKV.Storage;

/// <summary>
/// A Redis list: a deque of <see cref="ListNode"/>s, each packing up to 8 KiB of elements into one array (as
/// Redis's quicklist packs them into listpacks). Pushing and popping at either end is O(1) and, once a node has
/// room, allocates nothing: elements are not heap objects of their own, so a list of millions of elements costs
/// the garbage collector a few thousand arrays. Indexing walks the nodes, O(n / node size), then within one node
/// from its nearer end, as in Redis. Elements are read back as spans over the node's bytes (see <see cref="ListNode"/>).
/// </summary>
public sealed class RedisList
{
    private ListNode[] nodes = new ListNode[4];
    private int headNode;
    private int nodeCount;

    /// <summary>How many elements.</summary>
    public int Count { get; private set; }

    /// <summary>Element <paramref name="index"/> from the head (0 ≤ index &lt; Count); valid until the list next changes.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            Cursor cursor = At(index);
            return Node(cursor.Node)[cursor.Offset];
        }
    }

    /// <summary>The position of a Redis list index (negative ones count from the tail: -1 is the last), or -1 if it is out of range.</summary>
    public int PositionOf(long index)
    {
        long position = index < 0 ? index + Count : index;
        return position >= 0 && position < Count ? (int)position : -1;
    }

    /// <summary>Pushes a copy of <paramref name="value"/> at the head.</summary>
    public void PushHead(ReadOnlySpan<byte> value)
    {
        ListNode? head = nodeCount == 0 ? null : Node(0);
        if (head is null || !head.GrowsAtHead || !head.HasRoomFor(value.Length))
        {
            GrowNodes();
            headNode = (headNode - 1) & (nodes.Length - 1);
            nodes[headNode] = new ListNode(growsAtHead: true, value.Length, full: head?.GrowsAtHead == true ? head : null);
            nodeCount++;
        }

        Node(0).Add(value);
        Count++;
    }

    /// <summary>Pushes a copy of <paramref name="value"/> at the tail.</summary>
    public void PushTail(ReadOnlySpan<byte> value)
    {
        ListNode? tail = nodeCount == 0 ? null : Node(nodeCount - 1);
        if (tail is null || tail.GrowsAtHead || !tail.HasRoomFor(value.Length))
        {
            GrowNodes();
            nodes[(headNode + nodeCount) & (nodes.Length - 1)] = new ListNode(growsAtHead: false, value.Length, full: tail?.GrowsAtHead == false ? tail : null);
            nodeCount++;
        }

        Node(nodeCount - 1).Add(value);
        Count++;
    }

    /// <summary>Pops from the head (the list must not be empty) and returns the element, readable until the list next changes.</summary>
    public ReadOnlySpan<byte> PopHead()
    {
        ListNode node = Node(0);
        if (node.Count == 0)
        {
            DropHeadNode();
            node = Node(0);
        }

        ReadOnlySpan<byte> value = node.RemoveFirst();
        Count--;
        if (node.Count == 0 && nodeCount > 1 && !node.GrowsAtHead)
        {
            DropHeadNode();
        }

        return value;
    }

    /// <summary>Pops from the tail (the list must not be empty) and returns the element, readable until the list next changes.</summary>
    public ReadOnlySpan<byte> PopTail()
    {
        ListNode node = Node(nodeCount - 1);
        if (node.Count == 0)
        {
            DropTailNode();
            node = Node(nodeCount - 1);
        }

        ReadOnlySpan<byte> value = node.RemoveLast();
        Count--;
        if (node.Count == 0 && nodeCount > 1 && node.GrowsAtHead)
        {
            DropTailNode();
        }

        return value;
    }

    /// <summary>Writes <paramref name="value"/> over element <paramref name="index"/> (0 ≤ index &lt; Count).</summary>
    public void Set(int index, ReadOnlySpan<byte> value)
    {
        Cursor cursor = At(index);
        ListNode node = Node(cursor.Node);
        node.Replace(node.OffsetOf(cursor.Offset), value);
    }

    /// <summary>
    /// Keeps only the <paramref name="keep"/> elements from <paramref name="start"/> on (LTRIM), dropping the rest
    /// from both ends: O(dropped), as Redis.
    /// </summary>
    public void Trim(int start, int keep)
    {
        for (int i = 0; i < start; i++)
        {
            PopHead();
        }

        while (Count > keep)
        {
            PopTail();
        }
    }

    /// <summary>
    /// Removes elements equal to <paramref name="value"/> (LREM): the first <paramref name="count"/> from the head
    /// if it is positive, the last -count from the tail if negative, all of them if zero. Returns how many went.
    /// A node emptied on the way is dropped unless it is the only one.
    /// </summary>
    public int Remove(ReadOnlySpan<byte> value, long count)
    {
        // Redis negates a negative count; the one count with no negation removes everything, as there.
        long limit = count is 0 or long.MinValue ? long.MaxValue : Math.Abs(count);
        int removed = 0;
        if (count >= 0)
        {
            for (int i = 0; i < nodeCount && removed < limit; i++)
            {
                ListNode node = Node(i);
                int offset = node.Start;
                for (int left = node.Count; left > 0 && removed < limit; left--)
                {
                    if (node.Read(offset, out int next).SequenceEqual(value))
                    {
                        offset = node.RemoveAt(offset);
                        removed++;
                    }
                    else
                    {
                        offset = next;
                    }
                }

                i -= DropIfEmpty(i);
            }
        }
        else
        {
            for (int i = nodeCount - 1; i >= 0 && removed < limit; i--)
            {
                ListNode node = Node(i);
                int boundary = node.End;
                for (int left = node.Count; left > 0 && removed < limit; left--)
                {
                    int offset = node.OffsetBefore(boundary);
                    if (node.Read(offset, out _).SequenceEqual(value))
                    {
                        boundary = node.RemoveAt(offset);
                        removed++;
                    }
                    else
                    {
                        boundary = offset;
                    }
                }

                DropIfEmpty(i);
            }
        }

        Count -= removed;
        return removed;
    }

    /// <summary>Elements <paramref name="start"/>..<paramref name="start"/> + <paramref name="count"/> - 1 in order, walking the nodes once.</summary>
    public RangeEnumerator Range(int start, int count) => new(this, start, count);

    /// <summary>How many nodes hold the elements, an emptied end node kept for the next push at that end included.</summary>
    internal int NodeCount => nodeCount;

    /// <summary>Node <paramref name="i"/> from the head (0 ≤ i &lt; <see cref="NodeCount"/>).</summary>
    internal ListNode Node(int i) => nodes[(headNode + i) & (nodes.Length - 1)];

    // The node and offset of element `index`, walking from the nearer end.
    private Cursor At(int index)
    {
        if (index < Count / 2)
        {
            for (int i = 0; ; i++)
            {
                int count = Node(i).Count;
                if (index < count)
                {
                    return new Cursor(i, index);
                }

                index -= count;
            }
        }

        int fromTail = Count - 1 - index;
        for (int i = nodeCount - 1; ; i--)
        {
            int count = Node(i).Count;
            if (fromTail < count)
            {
                return new Cursor(i, count - 1 - fromTail);
            }

            fromTail -= count;
        }
    }

    // A pop that empties an end node keeps it if it grows toward that end (the next push there fills it again, so a
    // push and a pop in turn allocate nothing) or if it is the only node; otherwise it is dropped. So only an end node
    // is ever empty, and then it grows toward its end: a walk steps over it (it counts no elements) and a pop at
    // its end drops it first.
    private void DropHeadNode()
    {
        nodes[headNode] = null!;
        headNode = (headNode + 1) & (nodes.Length - 1);
        nodeCount--;
    }

    private void DropTailNode()
    {
        nodes[(headNode + nodeCount - 1) & (nodes.Length - 1)] = null!;
        nodeCount--;
    }

    // Drops node `i` if it is empty and not the only node, shifting the nodes after it; returns 1 if it did.
    private int DropIfEmpty(int i)
    {
        if (Node(i).Count > 0 || nodeCount == 1)
        {
            return 0;
        }

        for (int j = i; j < nodeCount - 1; j++)
        {
            nodes[(headNode + j) & (nodes.Length - 1)] = Node(j + 1);
        }

        DropTailNode();
        return 1;
    }

    private void GrowNodes()
    {
        if (nodeCount < nodes.Length)
        {
            return;
        }

        ListNode[] larger = new ListNode[nodes.Length * 2];
        for (int i = 0; i < nodeCount; i++)
        {
            larger[i] = Node(i);
        }

        nodes = larger;
        headNode = 0;
    }

    private readonly record struct Cursor(int Node, int Offset);

    /// <summary>
    /// Walks a range of a list that does not change meanwhile, one element at a time: each item is an element's
    /// bytes. Use with <c>foreach</c>.
    /// </summary>
    public ref struct RangeEnumerator
    {
        private readonly RedisList list;
        private int remaining;
        private int node;
        private ListNode? current;
        private int leftInNode;
        private int offset;

        internal RangeEnumerator(RedisList list, int start, int count)
        {
            this.list = list;
            remaining = count;
            if (count > 0)
            {
                Cursor cursor = list.At(start);
                current = list.Node(cursor.Node);
                node = cursor.Node;
                leftInNode = current.Count - cursor.Offset;
                offset = current.OffsetOf(cursor.Offset);
            }
        }

        /// <summary>The current element.</summary>
        public ReadOnlySpan<byte> Current { get; private set; }

        /// <summary>Returns itself, so the range works with <c>foreach</c>.</summary>
        public readonly RangeEnumerator GetEnumerator() => this;

        /// <summary>Moves to the range's next element.</summary>
        public bool MoveNext()
        {
            if (remaining == 0)
            {
                return false;
            }

            if (leftInNode == 0)
            {
                current = list.Node(++node);
                leftInNode = current.Count;
                offset = current.Start;
            }

            Current = current!.Read(offset, out offset);
            leftInNode--;
            remaining--;
            return true;
        }
    }
}
