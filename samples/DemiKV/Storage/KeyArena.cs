using System.Numerics;
using System.Runtime.CompilerServices;

namespace DemiKV.Storage;

/// <summary>
/// Where a <see cref="KeyTable"/> keeps its keys' bytes: keys of up to <see cref="MaxSlotBytes"/> bytes in
/// <see cref="KeySlots"/> of the next power of two (8 to 1024 bytes), so a short key costs its slot and no object
/// (a 16-byte key: 16 bytes, where a byte[] of its own costs 40 and is one more object for every collection to
/// copy); a longer key in an array of its own. A key is named by its slot number and read back with its length,
/// which picks its size class.
/// </summary>
internal sealed class KeyArena
{
    /// <summary>The longest key kept in a slot; longer ones get an array each.</summary>
    public const int MaxSlotBytes = 1024;

    private const int MinSlotShift = 3;

    // Size classes are made when a key first needs one: a small set or database uses one or two.
    private readonly KeySlots?[] classes = new KeySlots?[BitOperations.Log2(MaxSlotBytes) - MinSlotShift + 1];
    private readonly PagedList<LargeKey> large = new(pageShift: 10);
    private int largeFreeHead;

    /// <summary>Copies <paramref name="key"/> into the arena and returns its slot number.</summary>
    public int Store(ReadOnlySpan<byte> key)
    {
        if (key.Length > MaxSlotBytes)
        {
            return StoreLarge(key);
        }

        int sizeClass = ClassOf(key.Length);
        KeySlots slots = classes[sizeClass] ??= new KeySlots(MinSlotShift + sizeClass);
        int slot = slots.Take();
        key.CopyTo(slots.Slot(slot, key.Length));
        return slot;
    }

    /// <summary>The bytes of the key of <paramref name="length"/> bytes in slot <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Read(int slot, int length) =>
        length > MaxSlotBytes ? large[slot].Bytes : classes[ClassOf(length)]!.Slot(slot, length);

    /// <summary>Frees the slot of a key of <paramref name="length"/> bytes.</summary>
    public void Free(int slot, int length)
    {
        if (length > MaxSlotBytes)
        {
            ref LargeKey entry = ref large[slot];
            entry.Bytes = null!;
            entry.NextFree = largeFreeHead;
            largeFreeHead = slot + 1;
            return;
        }

        classes[ClassOf(length)]!.Free(slot);
    }

    /// <summary>Frees every key and returns the pages to the collector.</summary>
    public void Clear()
    {
        Array.Clear(classes);
        large.Clear();
        largeFreeHead = 0;
    }

    // 0..8 bytes: class 0 (8-byte slots); 9..16: class 1; … 513..1024: class 7.
    private static int ClassOf(int length) => length <= 8 ? 0 : BitOperations.Log2((uint)length - 1) + 1 - MinSlotShift;

    private int StoreLarge(ReadOnlySpan<byte> key)
    {
        int slot;
        if (largeFreeHead != 0)
        {
            slot = largeFreeHead - 1;
            largeFreeHead = large[slot].NextFree;
        }
        else
        {
            slot = large.Count;
            large.Add();
        }

        large[slot] = new LargeKey { Bytes = TenuredBytes.Copy(key) };
        return slot;
    }

    // A key longer than a slot: its own array, or while free the next free entry (+1).
    private struct LargeKey
    {
        public byte[] Bytes;
        public int NextFree;
    }
}
