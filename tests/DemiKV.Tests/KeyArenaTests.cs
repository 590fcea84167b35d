using System.Text;
using DemiKV.Storage;

namespace DemiKV.Tests;

public sealed class KeyArenaTests
{
    [Fact]
    public void KeysOfEveryLengthReadBackAfterOthersAreFreedAndSlotsReused()
    {
        KeyArena arena = new();
        Random random = new(4);
        List<(int Slot, byte[] Key)> stored = [];
        for (int i = 0; i < 3000; i++)
        {
            byte[] key = new byte[random.Next(3) == 0 ? random.Next(0, 2100) : random.Next(0, 40)];
            random.NextBytes(key);
            stored.Add((arena.Store(key), key));
            if (random.Next(3) == 0)
            {
                int victim = random.Next(stored.Count);
                arena.Free(stored[victim].Slot, stored[victim].Key.Length);
                stored[victim] = stored[^1];
                stored.RemoveAt(stored.Count - 1);
            }
        }

        // Keys alive at once never share a slot of the same size class.
        HashSet<(int Slot, int SlotBytes)> distinct = [];
        foreach ((int slot, byte[] key) in stored)
        {
            Assert.True(arena.Read(slot, key.Length).SequenceEqual(key));
            Assert.True(distinct.Add((slot, SlotBytes(key.Length))));
        }
    }

    [Fact]
    public void AFreedSlotIsTheNextOneTaken()
    {
        KeyArena arena = new();
        int a = arena.Store("sixteen-bytes-01"u8);
        int b = arena.Store("sixteen-bytes-02"u8);
        int large = arena.Store(new byte[5000]);
        arena.Free(a, 16);
        arena.Free(large, 5000);
        Assert.Equal(a, arena.Store("other-16-bytes-3"u8));
        Assert.Equal(large, arena.Store(Encoding.ASCII.GetBytes(new string('z', 1500))));
        Assert.Equal("sixteen-bytes-02", Encoding.ASCII.GetString(arena.Read(b, 16)));
        Assert.Equal("other-16-bytes-3", Encoding.ASCII.GetString(arena.Read(a, 16)));
        Assert.Equal(new string('z', 1500), Encoding.ASCII.GetString(arena.Read(large, 1500)));
    }

    [Fact]
    public void SlotsFillManyPages()
    {
        KeySlots slots = new(slotShift: 4);
        for (int i = 0; i < 20_000; i++)
        {
            Assert.Equal(i, slots.Take());
            BitConverter.TryWriteBytes(slots.Slot(i, 4), i * 3);
        }

        for (int i = 0; i < 20_000; i += 1111)
        {
            Assert.Equal(i * 3, BitConverter.ToInt32(slots.Slot(i, 4)));
        }

        Assert.Equal(20_000, slots.Used);
    }

    // The slot size a key of `length` bytes takes (-1: an array of its own).
    private static int SlotBytes(int length) =>
        length > KeyArena.MaxSlotBytes ? -1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 8));
}
