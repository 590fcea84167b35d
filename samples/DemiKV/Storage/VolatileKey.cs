using System.Runtime.InteropServices;

namespace DemiKV.Storage;

/// <summary>
/// One key with a TTL in a <see cref="KeyTable"/>'s dense list of volatile keys (12 bytes): its deadline and the
/// key's dense position. Keys without a TTL pay nothing for the deadline.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct VolatileKey
{
    /// <summary>The TTL deadline in milliseconds of the store's clock.</summary>
    public long DeadlineMs;

    /// <summary>The key's dense position in the table.</summary>
    public int Position;
}
