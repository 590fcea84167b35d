using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DemiKV.Storage;

/// <summary>
/// Slots of one size (a power of two) for key bytes, carved from byte pages: no object per key and nothing for the
/// collector to trace (the pages hold no references). Pages are allocated as slots are first needed (none while
/// empty), the first one doubling from a few slots up to a full page so a small table stays small; a freed slot
/// goes on a free list threaded through the free slots' own first bytes and is handed out again before a new one.
/// </summary>
internal sealed class KeySlots
{
    private const int PageShift = 17;
    private const int FirstPageSlots = 4;

    private readonly int slotShift;
    private readonly int slotsPerPageShift;
    private byte[][] pages;
    private int pageCount;
    private int highWater;
    private int freeHead;

    /// <summary>Creates an empty set of slots of 2^<paramref name="slotShift"/> bytes (at least 8: a free slot holds a link).</summary>
    public KeySlots(int slotShift)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotShift, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotShift, PageShift);
        this.slotShift = slotShift;
        slotsPerPageShift = PageShift - slotShift;
        pages = [];
    }

    /// <summary>Bytes of one slot.</summary>
    public int SlotSize => 1 << slotShift;

    /// <summary>Slots in use.</summary>
    public int Used { get; private set; }

    /// <summary>Takes a free slot (a freed one first) and returns its number.</summary>
    public int Take()
    {
        Used++;
        if (freeHead != 0)
        {
            int slot = freeHead - 1;
            freeHead = BitConverter.ToInt32(Slot(slot, sizeof(int)));
            return slot;
        }

        int fresh = highWater++;
        int page = fresh >> slotsPerPageShift;
        if (pageCount == 0)
        {
            pages = [new byte[Math.Min(FirstPageSlots << slotShift, 1 << PageShift)]];
            pageCount = 1;
        }
        else if (page == 0)
        {
            int needed = (fresh + 1) << slotShift;
            if (needed > pages[0].Length)
            {
                Array.Resize(ref pages[0], Math.Min(pages[0].Length * 2, 1 << PageShift));
            }
        }
        else if (page == pageCount)
        {
            if (pageCount == pages.Length)
            {
                Array.Resize(ref pages, pages.Length * 2);
            }

            pages[pageCount++] = new byte[1 << PageShift];
        }

        return fresh;
    }

    /// <summary>
    /// The first <paramref name="length"/> bytes of slot <paramref name="slot"/>: a slot <see cref="Take"/> handed
    /// out, and at most <see cref="SlotSize"/> bytes (the caller's contract; unchecked, as this is every lookup's path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Slot(int slot, int length)
    {
        Debug.Assert((uint)slot < (uint)highWater && (uint)length <= (uint)SlotSize);
        int offset = (slot & ((1 << slotsPerPageShift) - 1)) << slotShift;
        byte[] page = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pages), slot >> slotsPerPageShift);
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), offset), length);
    }

    /// <summary>Returns slot <paramref name="slot"/> to the free list.</summary>
    public void Free(int slot)
    {
        BitConverter.TryWriteBytes(Slot(slot, sizeof(int)), freeHead);
        freeHead = slot + 1;
        Used--;
    }
}
