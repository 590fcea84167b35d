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

    /// <summary>Checks the list's one layout rule: only an end node may be empty, and then it grows toward that end.</summary>
    public static void OnlyEndNodesAreEmpty(RedisList list)
    {
        for (int i = 0; i < list.NodeCount; i++)
        {
            ListNode node = list.Node(i);
            if (node.Count == 0 && list.NodeCount > 1)
            {
                Assert.True((i == 0 && node.GrowsAtHead) || (i == list.NodeCount - 1 && !node.GrowsAtHead), $"node {i} of {list.NodeCount} is empty");
            }
        }
    }
}
