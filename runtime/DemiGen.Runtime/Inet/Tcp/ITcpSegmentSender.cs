namespace DemiGen.Inet.Tcp;

/// <summary>
/// Where a TCP engine sends its segments: the IPv4 layer (or a test link). The engine asks for a buffer, writes the
/// complete segment there (header, options, payload, checksum with the IPv4 pseudo-header) and commits it; the
/// sender wraps it in an IPv4 header (protocol 6) and transmits it. Over Catnip's IPv4 layer these map straight onto
/// <c>BeginSend</c> / <c>CommitSend</c>, so a segment is built in the outgoing frame itself. Nothing may call back
/// into the engine from inside either call.
/// </summary>
internal interface ITcpSegmentSender
{
    /// <summary>
    /// The buffer for the next segment: at least <c>Mss + 20</c> bytes (and at least 60), valid until
    /// <see cref="CommitSegment"/>.
    /// </summary>
    Span<byte> BeginSegment();

    /// <summary>Sends the first <paramref name="length"/> bytes of the buffer from <see cref="BeginSegment"/>.</summary>
    /// <param name="source">This side's IPv4 address (first octet in the high byte: 10.0.0.1 = 0x0A000001).</param>
    /// <param name="destination">The peer's IPv4 address.</param>
    /// <param name="length">The segment's length.</param>
    void CommitSegment(uint source, uint destination, int length);
}
