using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>Reads a <see cref="RedisList"/> back for comparison with a model.</summary>
internal static class ListAssert
{
    /// <summary>Copies of the elements <see cref="RedisList.Range"/> walks, checking it yields exactly <paramref name="count"/>.</summary>
    public static List<byte[]> Range(RedisList list, int start, int count)
    {
        List<byte[]> elements = [];
        foreach (ReadOnlySpan<byte> element in list.Range(start, count))
        {
            elements.Add(element.ToArray());
        }

        Assert.Equal(count, elements.Count);
        return elements;
    }
}
