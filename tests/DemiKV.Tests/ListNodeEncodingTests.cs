using DemiKV.Storage;

namespace DemiKV.Tests;

/// <summary>
/// A list element's framing: length prefix and back-length at every varint boundary, and element bytes that look
/// like framing (CR LF, zeros, bytes with the top bit set).
/// </summary>
public sealed class ListNodeEncodingTests
{
    // Lengths at the prefix's boundaries (127/128, 16,383/16,384) and the back-length's (the prefix plus the bytes:
    // 126 + 1 = 127, 127 + 1 = 128; 16,381 + 2 = 16,383, 16,382 + 2 = 16,384), and one larger than a node.
    public static readonly TheoryData<int> BoundaryLengths = new() { 0, 1, 125, 126, 127, 128, 16_381, 16_382, 16_383, 16_384, 20_000 };

    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 5)]
    [InlineData(126, 128)]
    [InlineData(127, 130)]
    [InlineData(128, 132)]
    [InlineData(16_381, 16_385)]
    [InlineData(16_382, 16_387)]
    [InlineData(16_383, 16_388)]
    [InlineData(16_384, 16_390)]
    public void EncodedLengthCountsPrefixBytesAndBackLength(int length, int encoded) =>
        Assert.Equal(encoded, ListNode.EncodedLength(length));

    [Theory]
    [MemberData(nameof(BoundaryLengths))]
    public void ElementsAtVarintBoundariesRoundTripFromBothEnds(int length)
    {
        byte[] value = Enumerable.Range(0, length).Select(i => (byte)(0x80 | (i * 7))).ToArray();
        foreach (bool tailFirst in new[] { false, true })
        {
            RedisList list = new();
            List<byte[]> model = [];
            for (int i = 0; i < 6; i++)
            {
                // The boundary element between small ones, so both neighbours are found through its framing.
                byte[] element = i % 2 == 0 ? value : [(byte)i];
                if (tailFirst)
                {
                    list.PushTail(element);
                    model.Add(element);
                }
                else
                {
                    list.PushHead(element);
                    model.Insert(0, element);
                }
            }

            Assert.Equal(model, ListAssert.Range(list, 0, list.Count));
            for (int i = 0; i < model.Count; i++)
            {
                Assert.Equal(model[i], list[i].ToArray());
            }

            Assert.Equal(model[^1], list.PopTail().ToArray());
            Assert.Equal(model[0], list.PopHead().ToArray());
            Assert.Equal(model[^2], list.PopTail().ToArray());
            Assert.Equal(model[1], list.PopHead().ToArray());
            Assert.Equal(model[2..4], ListAssert.Range(list, 0, 2));
        }
    }

    [Fact]
    public void BinaryElementsComeBackByteForByte()
    {
        byte[][] elements =
        [
            "\r\n"u8.ToArray(), [0], [0, 0, 0], "$3\r\nabc\r\n"u8.ToArray(), [0xFF, 0x80, 0x7F, 0x81], [], "a\r\nb\0\u00ff"u8.ToArray(),
            [.. Enumerable.Range(0, 300).Select(i => (byte)i)],
        ];
        RedisList list = new();
        foreach (byte[] element in elements)
        {
            list.PushTail(element);
            list.PushHead(element);
        }

        byte[][] expected = [.. elements.Reverse(), .. elements];
        Assert.Equal(expected, ListAssert.Range(list, 0, list.Count));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], list[i].ToArray());
        }

        for (int i = elements.Length - 1; i >= 0; i--)
        {
            Assert.Equal(elements[i], list.PopTail().ToArray());
            Assert.Equal(elements[i], list.PopHead().ToArray());
        }

        Assert.Equal(0, list.Count);
    }
}
