namespace DemiGen;

/// <summary>
/// One end of a <see cref="SimulatedLink"/>: give it to a Catnip libOS as its device
/// (<see cref="CatnipOptions.SimulatedLink"/>), or drive it from a test with <see cref="SendFrame"/> and <see cref="TryReceiveFrame"/>.
/// </summary>
public sealed class SimulatedLinkEndpoint : IFrameDevice
{
    private readonly SimulatedLink link;
    private readonly PriorityQueue<SimulatedFrame, (long DeliverAt, long Sequence)> inFlight = new();

    internal SimulatedLinkEndpoint(SimulatedLink link, string name)
    {
        this.link = link;
        Name = $"simulated link end {name}";
    }

    /// <summary>Which end this is.</summary>
    public string Name { get; }

    /// <summary>Frames this end has sent.</summary>
    public long FramesSent { get; private set; }

    /// <summary>The link this end belongs to.</summary>
    public SimulatedLink Link => link;

    internal SimulatedLinkEndpoint? Peer { get; set; }

    internal long NextArrival => inFlight.TryPeek(out _, out (long DeliverAt, long Sequence) key) ? key.DeliverAt : long.MaxValue;

    /// <summary>Whether this end is in use by a libOS (an end carries one stack).</summary>
    internal bool Attached { get; set; }

    MacAddress? IFrameDevice.HardwareAddress => null;

    int IFrameDevice.MaxFrameBytes => link.MaxFrameBytes;

    /// <summary>Sends a raw frame to the other end (faults apply), as a test playing the peer.</summary>
    public void SendFrame(ReadOnlySpan<byte> frame)
    {
        FramesSent++;
        link.Carry(Peer!, frame);
    }

    /// <summary>Takes the next frame that has arrived at this end by the link clock's now, as a test playing the peer.</summary>
    public bool TryReceiveFrame(out byte[] frame)
    {
        if (TryTakeDue(out SimulatedFrame due))
        {
            frame = due.Bytes.ToArray();
            link.Release(due);
            return true;
        }

        frame = [];
        return false;
    }

    int IFrameDevice.Receive(IFrameReceiver receiver, int budget)
    {
        int n = 0;
        while (n < budget && TryTakeDue(out SimulatedFrame due))
        {
            receiver.OnFrame(due.Bytes);
            link.Release(due);
            n++;
        }

        return n;
    }

    bool IFrameDevice.Transmit(ReadOnlySpan<byte> frame)
    {
        SendFrame(frame);
        return true;
    }

    /// <summary>Nothing to block on: time moves only with the link's clock, which the waiting libOS advances.</summary>
    void IFrameDevice.WaitForFrames(long timeoutNanoseconds)
    {
    }

    void IFrameDevice.Wake()
    {
    }

    /// <summary>Detaches the end from its libOS; frames in flight stay on the link.</summary>
    public void Dispose() => Attached = false;

    internal void Arrive(SimulatedFrame frame, long deliverAt, long sequence) => inFlight.Enqueue(frame, (deliverAt, sequence));

    private bool TryTakeDue(out SimulatedFrame frame)
    {
        if (inFlight.TryPeek(out frame, out (long DeliverAt, long Sequence) key) && key.DeliverAt <= link.Clock.NowNanoseconds)
        {
            inFlight.Dequeue();
            link.Counters.Delivered++;
            return true;
        }

        return false;
    }
}
