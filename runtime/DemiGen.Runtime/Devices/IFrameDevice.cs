namespace DemiGen;

/// <summary>
/// A raw-frame device under the Catnip stack: it moves whole Ethernet frames (no FCS) and nothing else. Receive hands
/// frames to the stack in place (a ring slot, a device buffer) so a UMEM-backed device (AF_XDP) can deliver without a
/// copy; transmit takes a built frame. Every member is called on the libOS's thread except <see cref="Wake"/>.
/// </summary>
internal interface IFrameDevice : IDisposable
{
    /// <summary>What the device is, for messages ("AF_PACKET on veth0").</summary>
    string Name { get; }

    /// <summary>The interface's own MAC address if it has one the stack should use by default.</summary>
    MacAddress? HardwareAddress { get; }

    /// <summary>The largest frame the device sends or receives, header included (1514 for an MTU of 1500).</summary>
    int MaxFrameBytes { get; }

    /// <summary>Hands up to <paramref name="budget"/> received frames to <paramref name="receiver"/>; returns how many.</summary>
    int Receive(IFrameReceiver receiver, int budget);

    /// <summary>Sends one frame; false when the device could not take it now (the frame is dropped; the caller counts it).</summary>
    bool Transmit(ReadOnlySpan<byte> frame);

    /// <summary>Blocks until a frame may be ready, <see cref="Wake"/> is called, or the timeout passes (-1: no limit).</summary>
    void WaitForFrames(long timeoutNanoseconds);

    /// <summary>Thread-safe: ends a <see cref="WaitForFrames"/> in progress on the libOS's thread.</summary>
    void Wake();
}

/// <summary>Takes received frames from an <see cref="IFrameDevice"/>.</summary>
internal interface IFrameReceiver
{
    /// <summary>One frame; the span is valid only during the call.</summary>
    void OnFrame(ReadOnlySpan<byte> frame);
}
