using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DemiGen.Interop;

/// <summary>
/// A native array of struct epoll_event. The kernel packs the struct (12 bytes) on x86-64 only; elsewhere it is
/// 16 bytes with the data word 8-byte aligned, so the layout is chosen at run time instead of by a C# struct.
/// </summary>
internal sealed unsafe class EpollEvents : IDisposable
{
    internal static readonly int Stride = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    internal EpollEvents(int capacity)
    {
        Capacity = capacity;
        Pointer = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * Stride));
    }

    internal int Capacity { get; }

    internal byte* Pointer { get; private set; }

    internal uint EventsAt(int i) => Unsafe.ReadUnaligned<uint>(Pointer + (i * Stride));

    internal ulong DataAt(int i) => Unsafe.ReadUnaligned<ulong>(Pointer + (i * Stride) + Stride - 8);

    /// <summary>Fills one epoll_event (for epoll_ctl) at <paramref name="destination"/>, which holds 16 bytes.</summary>
    internal static void Write(byte* destination, uint events, ulong data)
    {
        Unsafe.WriteUnaligned(destination, events);
        Unsafe.WriteUnaligned(destination + Stride - 8, data);
    }

    public void Dispose()
    {
        if (Pointer != null)
        {
            NativeMemory.Free(Pointer);
            Pointer = null;
        }
    }
}
