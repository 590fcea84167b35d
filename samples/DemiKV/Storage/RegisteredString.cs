using DemiGen;

namespace DemiKV.Storage;

/// <summary>
/// A string value kept in a libOS's registered memory, so a GET can push it as it is: the reply queues a clone of
/// <see cref="Bytes"/> (<see cref="LibOS.SgaClone"/>), and the bytes stay alive until the store has dropped its
/// handle and every clone in flight was pushed and freed. Never written after it is made: a new value is a new
/// object.
/// </summary>
public sealed class RegisteredString
{
    /// <summary>Copies <paramref name="bytes"/> (not empty) into a new Sga of <paramref name="owner"/>.</summary>
    public RegisteredString(LibOS owner, ReadOnlySpan<byte> bytes)
    {
        Owner = owner;
        Length = bytes.Length;
        Bytes = owner.SgaAlloc(bytes.Length);
        Bytes.CopyFrom(bytes);
    }

    /// <summary>The libOS whose memory holds the bytes; only its thread may clone or free them.</summary>
    public LibOS Owner { get; }

    /// <summary>The store's own handle over the bytes.</summary>
    public Sga Bytes { get; private set; }

    /// <summary>The value's length in bytes.</summary>
    public int Length { get; }

    /// <summary>Copies the value into <paramref name="destination"/>, which holds at least <see cref="Length"/> bytes.</summary>
    public void CopyTo(Span<byte> destination) => Bytes.CopyTo(destination);

    /// <summary>A new array with the value (allocates: for commands that rebuild it, such as APPEND).</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Drops the store's handle; clones still being pushed keep the bytes until they are freed.</summary>
    public void Release()
    {
        Owner.SgaFree(Bytes);
        Bytes = default;
    }
}
