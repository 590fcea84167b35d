namespace DemiKV.Storage;

/// <summary>
/// What every string command needs of a stored string, whichever form it has: a <c>byte[]</c> on the managed heap or
/// a <see cref="RegisteredString"/> in registered memory.
/// </summary>
public static class StringValue
{
    /// <summary>True for both forms of a string value.</summary>
    public static bool IsString(object? value) => value is byte[] or RegisteredString;

    /// <summary>The length of a string value.</summary>
    public static int Length(object value) => value switch
    {
        byte[] bytes => bytes.Length,
        RegisteredString registered => registered.Length,
        _ => throw new ArgumentException($"{value.GetType().Name} is not a string value.", nameof(value)),
    };

    /// <summary>Copies a string value into <paramref name="destination"/>.</summary>
    public static void CopyTo(object value, Span<byte> destination)
    {
        switch (value)
        {
            case byte[] bytes:
                bytes.CopyTo(destination);
                break;
            case RegisteredString registered:
                registered.CopyTo(destination);
                break;
            default:
                throw new ArgumentException($"{value.GetType().Name} is not a string value.", nameof(value));
        }
    }

    /// <summary>Drops the store's hold on a value that leaves the store (overwritten, deleted, expired, flushed).</summary>
    public static void Release(object value)
    {
        if (value is RegisteredString registered)
        {
            registered.Release();
        }
    }
}
