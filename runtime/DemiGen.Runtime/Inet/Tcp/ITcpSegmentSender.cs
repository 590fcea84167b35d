namespace DemiGen.Inet.Tcp;

/// <summary>
/// Where a TCP engine sends its segments: the IPv4 layer (or a test link). The segment is complete, checksum
/// included; the sender wraps it in an IPv4 header (protocol 6) and transmits it, copying the bytes before it
/// returns. It must not call back into the engine from inside this call.
/// </summary>
internal interface ITcpSegmentSender
{
    /// <param name="source">This side's IPv4 address (big-endian numeric value, 10.0.0.1 = 0x0A000001).</param>
    /// <param name="destination">The peer's IPv4 address.</param>
    /// <param name="segment">TCP header and payload.</param>
    void SendSegment(uint source, uint destination, ReadOnlySpan<byte> segment);
}
