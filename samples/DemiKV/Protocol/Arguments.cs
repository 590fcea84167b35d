namespace DemiKV.Protocol;

/// <summary>The arguments of one parsed request, as views into the bytes they were parsed from (no copy).</summary>
public readonly ref struct Arguments
{
    private readonly ReadOnlySpan<byte> source;
    private readonly ReadOnlySpan<ArgSlice> slices;

    internal Arguments(ReadOnlySpan<byte> source, ReadOnlySpan<ArgSlice> slices)
    {
        this.source = source;
        this.slices = slices;
    }

    /// <summary>How many arguments, the command name included.</summary>
    public int Count => slices.Length;

    /// <summary>The bytes of argument <paramref name="index"/> (0 is the command name).</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            ArgSlice slice = slices[index];
            return source.Slice(slice.Start, slice.Length);
        }
    }

    /// <summary>Argument <paramref name="index"/> as a new array (for keys and values that are stored).</summary>
    public byte[] ToArray(int index) => this[index].ToArray();
}
