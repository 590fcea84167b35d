using DemiGen;

namespace DemiKV.Storage;

/// <summary>
/// Where string values of at least <see cref="MinBytes"/> are stored: in <see cref="Owner"/>'s registered memory, as
/// <see cref="RegisteredString"/>s that GET pushes without copying. Only for a server of one shard: registered
/// memory belongs to one libOS and its thread, and every command of a one-shard server runs on that thread.
/// </summary>
public sealed record ValueMemory(LibOS Owner, int MinBytes)
{
    /// <summary>True when a string of <paramref name="length"/> bytes is stored in registered memory.</summary>
    public bool Takes(int length) => length >= MinBytes && length > 0;

    /// <summary>The stored form of a string value: a <see cref="RegisteredString"/> when it is large enough, else a copy in an array (<see cref="TenuredBytes"/>).</summary>
    public object Store(ReadOnlySpan<byte> value) => Takes(value.Length) ? new RegisteredString(Owner, value) : TenuredBytes.Copy(value);
}
