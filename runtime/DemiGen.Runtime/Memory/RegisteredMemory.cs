using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DemiGen;

/// <summary>
/// The pinned, pooled memory a libOS owns and can hand to a device. Buffers come in four size classes
/// carved from large native blocks; an Sga is a descriptor over one or more buffers. No GC allocation
/// happens per alloc or free once the tables have grown to the working set.
/// </summary>
internal sealed unsafe class RegisteredMemory : IDisposable
{
    /// <summary>The largest single segment; larger Sgas chain several.</summary>
    internal const int MaxSegmentBytes = 65536;

    /// <summary>The largest Sga one allocation may ask for.</summary>
    internal const int MaxSgaBytes = 1 << 30;

    private const byte Poison = 0xDB;
    private const int NoBuffer = -1;
    private static readonly int[] ClassSizes = [256, 2048, 16384, MaxSegmentBytes];

    private readonly List<(nint Address, nuint Bytes)> blocks = [];
    private readonly int growBytes;
    private readonly bool checkedMode;
    private readonly string owner;
    private byte* bump;
    private byte* bumpEnd;

    private BufferRecord[] buffers = new BufferRecord[256];
    private int bufferCount;
    private readonly int[] freeBufferHead = [NoBuffer, NoBuffer, NoBuffer, NoBuffer];

    private SgaDescriptor[] descriptors = new SgaDescriptor[256];
    private int descriptorCount;
    private int freeDescriptorHead = -1;
    private bool disposed;

    internal RegisteredMemory(int reservedBytes, bool checkedMode, string owner)
    {
        this.checkedMode = checkedMode;
        this.owner = owner;
        growBytes = Math.Max(reservedBytes, 1 << 20);
        AddBlock(growBytes);
    }

    /// <summary>Sgas currently owned, lent or waiting for a pending push before their release.</summary>
    internal int LiveSgaCount { get; private set; }

    /// <summary>Bytes of native memory reserved in all blocks.</summary>
    internal long ReservedBytes { get; private set; }

    /// <summary>The native blocks, for devices that register memory (e.g. an AF_XDP UMEM).</summary>
    internal IReadOnlyList<(nint Address, nuint Bytes)> Blocks => blocks;

    internal Sga Allocate(int size)
    {
        if (size <= 0 || size > MaxSgaBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"SgaAlloc size must be between 1 and {MaxSgaBytes} bytes.");
        }

        int first = NoBuffer;
        int previous = NoBuffer;
        int segments = 0;
        for (int remaining = size; remaining > 0; remaining -= MaxSegmentBytes)
        {
            int length = Math.Min(remaining, MaxSegmentBytes);
            int buffer = TakeBuffer(ClassFor(length));
            buffers[buffer].Length = length;
            buffers[buffer].Next = NoBuffer;
            if (previous == NoBuffer)
            {
                first = buffer;
                buffers[buffer].Handles = 1;
            }
            else
            {
                buffers[previous].Next = buffer;
            }

            previous = buffer;
            segments++;
        }

        int index = TakeDescriptor();
        ref SgaDescriptor d = ref descriptors[index];
        d.FirstBuffer = first;
        d.SegmentCount = segments;
        d.Length = size;
        d.State = SgaState.Owned;
        d.Lends = 0;
        LiveSgaCount++;
        return new Sga(this, index, d.Generation);
    }

    /// <summary>
    /// A new handle over the same buffers as <paramref name="sga"/>, without copying (like a DPDK indirect mbuf). The
    /// chain's first buffer counts the handles over it; the buffers return to the pool when the last one is released.
    /// </summary>
    internal Sga Clone(Sga sga)
    {
        ref SgaDescriptor source = ref Resolve(sga, "SgaClone", forWrite: false, allowLent: true);
        int first = source.FirstBuffer;
        int segments = source.SegmentCount;
        int length = source.Length;

        // Taking a descriptor may grow the table, so the source is not touched through its ref after this.
        int index = TakeDescriptor();
        ref SgaDescriptor d = ref descriptors[index];
        d.FirstBuffer = first;
        d.SegmentCount = segments;
        d.Length = length;
        d.State = SgaState.Owned;
        d.Lends = 0;
        buffers[first].Handles++;
        LiveSgaCount++;
        return new Sga(this, index, d.Generation);
    }

    internal void Free(Sga sga)
    {
        ref SgaDescriptor d = ref Resolve(sga, "SgaFree", forWrite: false, allowLent: true);
        d.Generation++;
        if (d.State == SgaState.Lent)
        {
            d.State = SgaState.FreePending;
            return;
        }

        Release(sga.Index);
    }

    /// <summary>A push borrows the Sga until its token completes.</summary>
    internal void Lend(Sga sga)
    {
        ref SgaDescriptor d = ref Resolve(sga, "Push", forWrite: false, allowLent: true);
        d.State = SgaState.Lent;
        d.Lends++;
    }

    /// <summary>The push that borrowed descriptor <paramref name="index"/> completed; a free that waited for it happens now.</summary>
    internal void EndLoan(int index)
    {
        ref SgaDescriptor d = ref descriptors[index];
        if (--d.Lends > 0)
        {
            return;
        }

        if (d.State == SgaState.FreePending)
        {
            Release(index);
        }
        else
        {
            d.State = SgaState.Owned;
        }
    }

    internal int LengthOf(Sga sga) => Resolve(sga, "Length", forWrite: false, allowLent: true).Length;

    internal int SegmentCountOf(Sga sga) => Resolve(sga, "SegmentCount", forWrite: false, allowLent: true).SegmentCount;

    internal Span<byte> Segment(Sga sga, int segment)
    {
        ref SgaDescriptor d = ref Resolve(sga, "GetSegment", forWrite: true, allowLent: !checkedMode);
        if ((uint)segment >= (uint)d.SegmentCount)
        {
            throw new ArgumentOutOfRangeException(nameof(segment), segment, $"Sga {Describe(sga)} has {d.SegmentCount} segment(s).");
        }

        int buffer = d.FirstBuffer;
        for (int i = 0; i < segment; i++)
        {
            buffer = buffers[buffer].Next;
        }

        return BufferSpan(buffer);
    }

    internal void Trim(Sga sga, int length)
    {
        ref SgaDescriptor d = ref Resolve(sga, "Trim", forWrite: true, allowLent: false);
        if ((uint)length > (uint)d.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Sga {Describe(sga)} holds {d.Length} bytes; Trim cannot grow it.");
        }

        // The segment lengths live in the shared buffer records: trimming one handle would shorten every clone.
        if (buffers[d.FirstBuffer].Handles > 1)
        {
            throw new DemiUsageException($"Trim: {Describe(sga)} shares its buffers with {buffers[d.FirstBuffer].Handles - 1} other handle(s) from SgaClone; trim before cloning, or after the others are freed.");
        }

        d.Length = length;
        int remaining = length;
        int buffer = d.FirstBuffer;
        int kept = 0;
        int last = NoBuffer;
        while (buffer != NoBuffer && (remaining > 0 || kept == 0))
        {
            buffers[buffer].Length = Math.Min(remaining, buffers[buffer].Length);
            remaining -= buffers[buffer].Length;
            last = buffer;
            buffer = buffers[buffer].Next;
            kept++;
        }

        buffers[last].Next = NoBuffer;
        d.SegmentCount = kept;
        while (buffer != NoBuffer)
        {
            int next = buffers[buffer].Next;
            ReturnBuffer(buffer);
            buffer = next;
        }
    }

    /// <summary>For libOS code that sends a lent Sga: the first buffer of descriptor <paramref name="index"/>, without ownership checks.</summary>
    internal int FirstBufferOf(int index) => descriptors[index].FirstBuffer;

    /// <summary>For libOS code: the length of descriptor <paramref name="index"/>, without ownership checks (a lent Sga may be freed meanwhile).</summary>
    internal int LengthAt(int index) => descriptors[index].Length;

    internal int NextBuffer(int buffer) => buffers[buffer].Next;

    internal Span<byte> BufferSpan(int buffer)
    {
        ref BufferRecord b = ref buffers[buffer];
        return new Span<byte>((void*)b.Address, b.Length);
    }

    internal Span<byte> BufferCapacity(int buffer)
    {
        ref BufferRecord b = ref buffers[buffer];
        return new Span<byte>((void*)b.Address, b.Capacity);
    }

    internal nint BufferAddress(int buffer) => buffers[buffer].Address;

    internal string Describe(Sga sga) => $"sga:{sga.Index}.{sga.Generation} of {owner}";

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach ((nint address, _) in blocks)
        {
            NativeMemory.AlignedFree((void*)address);
        }

        blocks.Clear();
        bump = bumpEnd = null;
    }

    private ref SgaDescriptor Resolve(Sga sga, string operation, bool forWrite, bool allowLent)
    {
        if (sga.Memory != this)
        {
            throw new DemiUsageException(sga.Memory is null
                ? $"{operation}: the Sga is empty (default); it holds no buffer."
                : $"{operation}: {sga.Memory.Describe(sga)} belongs to another libOS than {owner}.");
        }

        if (disposed)
        {
            throw new ObjectDisposedException(owner, $"{operation}: {Describe(sga)} belongs to a disposed libOS.");
        }

        ref SgaDescriptor d = ref descriptors[sga.Index];
        if (d.Generation != sga.Generation || d.State is SgaState.Free or SgaState.FreePending)
        {
            throw new DemiUsageException($"{operation}: {Describe(sga)} was already freed (use after free, double free, or a stale copy).");
        }

        if (!allowLent && d.State == SgaState.Lent)
        {
            throw new DemiUsageException($"{operation}: {Describe(sga)} is lent to a pending push; wait for the push's token before {(forWrite ? "touching" : "using")} it.");
        }

        return ref d;
    }

    private void Release(int index)
    {
        ref SgaDescriptor d = ref descriptors[index];
        int buffer = d.FirstBuffer;

        // Other handles from SgaClone still use the buffers: only this handle dies.
        if (--buffers[buffer].Handles > 0)
        {
            buffer = NoBuffer;
        }

        while (buffer != NoBuffer)
        {
            int next = buffers[buffer].Next;
            ReturnBuffer(buffer);
            buffer = next;
        }

        d.State = SgaState.Free;
        d.FirstBuffer = freeDescriptorHead;
        d.SegmentCount = 0;
        d.Length = 0;
        freeDescriptorHead = index;
        LiveSgaCount--;
    }

    private int TakeDescriptor()
    {
        if (freeDescriptorHead >= 0)
        {
            int index = freeDescriptorHead;
            freeDescriptorHead = descriptors[index].FirstBuffer;
            return index;
        }

        if (descriptorCount == descriptors.Length)
        {
            Array.Resize(ref descriptors, descriptors.Length * 2);
        }

        descriptors[descriptorCount].Generation = 1;
        return descriptorCount++;
    }

    private int TakeBuffer(int sizeClass)
    {
        int buffer = freeBufferHead[sizeClass];
        if (buffer != NoBuffer)
        {
            freeBufferHead[sizeClass] = buffers[buffer].Next;
            if (checkedMode)
            {
                VerifyPoison(buffer);
            }

            return buffer;
        }

        return CarveBuffer(sizeClass);
    }

    private void ReturnBuffer(int buffer)
    {
        ref BufferRecord b = ref buffers[buffer];
        if (checkedMode)
        {
            new Span<byte>((void*)b.Address, b.Capacity).Fill(Poison);
        }

        b.Next = freeBufferHead[b.SizeClass];
        freeBufferHead[b.SizeClass] = buffer;
    }

    private void VerifyPoison(int buffer)
    {
        Span<byte> bytes = BufferCapacity(buffer);
        int offset = bytes.IndexOfAnyExcept(Poison);
        if (offset >= 0)
        {
            throw new DemiUsageException($"Write after free detected in {owner}: byte {offset} of a {bytes.Length}-byte buffer was modified after the Sga that owned it was freed.");
        }
    }

    private int CarveBuffer(int sizeClass)
    {
        int capacity = ClassSizes[sizeClass];
        if (bump + capacity > bumpEnd)
        {
            AddBlock(Math.Max(growBytes, capacity));
        }

        if (bufferCount == buffers.Length)
        {
            Array.Resize(ref buffers, buffers.Length * 2);
        }

        int buffer = bufferCount++;
        buffers[buffer] = new BufferRecord { Address = (nint)bump, Capacity = capacity, SizeClass = (byte)sizeClass, Next = NoBuffer };
        bump += capacity;
        return buffer;
    }

    private void AddBlock(int bytes)
    {
        byte* block = (byte*)NativeMemory.AlignedAlloc((nuint)bytes, 4096);
        blocks.Add(((nint)block, (nuint)bytes));
        ReservedBytes += bytes;
        bump = block;
        bumpEnd = block + bytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ClassFor(int length) => length <= 256 ? 0 : length <= 2048 ? 1 : length <= 16384 ? 2 : 3;

    private struct BufferRecord
    {
        public nint Address;
        public int Capacity;
        public int Length;
        public int Next;

        /// <summary>On the first buffer of a chain: how many Sga handles (the allocation and its clones) hold the chain.</summary>
        public int Handles;
        public byte SizeClass;
    }

    private struct SgaDescriptor
    {
        public uint Generation;
        public int FirstBuffer;
        public int SegmentCount;
        public int Length;
        public int Lends;
        public SgaState State;
    }
}
