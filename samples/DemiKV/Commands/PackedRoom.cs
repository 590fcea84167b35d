using DemiKV.Protocol;
using DemiKV.Storage;

namespace DemiKV.Commands;

/// <summary>
/// The room a command's arguments take in a packed small hash or set (<see cref="PackedEntries"/>), so HSET and SADD
/// with several fields or members grow the packed array once instead of once per entry.
/// </summary>
internal static class PackedRoom
{
    /// <summary>The packed bytes of arguments <paramref name="first"/> to the last, each as one entry.</summary>
    public static int Of(Arguments args, int first)
    {
        int bytes = 0;
        for (int i = first; i < args.Count; i++)
        {
            bytes += PackedEntries.EncodedLength(args[i].Length);
        }

        return bytes;
    }
}
