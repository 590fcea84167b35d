using System.Net.Sockets;
using DemiGen.Inet.Tcp;

namespace DemiGen;

/// <summary>
/// The libOS with DemiGen's own network stack: the kernel (or a simulated link) only moves Ethernet frames; ARP,
/// IPv4, ICMP and UDP run here, on the libOS's thread, whenever the app waits. TCP plugs in as an IPv4 protocol
/// handler (see docs/inet.md).
/// </summary>
internal sealed class CatnipLibOS : LibOS
{
    private readonly IFrameDevice? device;

    internal CatnipLibOS(LibOSOptions options)
        : base(LibOSKind.Catnip, options, hasDevice: true)
    {
        try
        {
            CatnipOptions catnip = options.Catnip
                ?? throw new DemiException(DemiError.EINVAL, "Catnip: set LibOSOptions.Catnip (device, address, …) to create a Catnip libOS.");
            device = OpenDevice(catnip);
            InetConfig config = CatnipConfiguration.Resolve(catnip, device);
            if (device is AfPacketDevice packet && config.Mac != packet.HardwareAddress)
            {
                packet.EnablePromiscuous();
            }

            Stack = new InetStack(device, config, Clock);
            Udp = new UdpLayer(this, Stack.Ipv4, config);
            Stack.Ipv4.Register(IpProtocol.Udp, Udp);
            Tcp = new TcpLayer(this, Stack.Ipv4, catnip.Tcp);
            Stack.Ipv4.Register(IpProtocol.Tcp, Tcp);
            if (config.AnnounceOnStart)
            {
                Stack.Arp.Announce();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    internal InetStack Stack { get; } = null!;

    internal UdpLayer Udp { get; } = null!;

    internal TcpLayer Tcp { get; } = null!;

    /// <summary>Every counter of the stack, in one line.</summary>
    internal string CountersReport => InetReport.Describe(Stack, Udp.Counters, Tcp.Engine.Stats);

    /// <summary>When the stack or the link next has something to do, for a driver of several simulated stacks.</summary>
    internal long NextEventNanoseconds => Math.Min(Scheduler.NextTimerDeadline, DeviceDeadline);

    /// <summary>The stack's next timer; on a simulated link also the next frame due at this end (frames for the other end are its stack's business).</summary>
    private protected override long DeviceDeadline =>
        device is SimulatedLinkEndpoint simulated
            ? Math.Min(Stack.NextDeadlineNanoseconds, simulated.NextArrival)
            : Stack.NextDeadlineNanoseconds;

    private protected override IoQueue CreateSocket(AddressFamily family, SocketType type)
    {
        if (family != AddressFamily.InterNetwork)
        {
            throw new DemiException(DemiError.EAFNOSUPPORT, "Socket: the Catnip stack speaks IPv4 only; use AddressFamily.InterNetwork.");
        }

        return type switch
        {
            SocketType.Dgram => new UdpSocket(Udp),
            SocketType.Stream => new TcpSocket(Tcp),
            _ => throw new DemiException(DemiError.EOPNOTSUPP, $"Socket: Catnip has Stream (TCP) and Dgram (UDP) sockets, not {type}."),
        };
    }

    private protected override bool PollDevice(long timeoutNanoseconds)
    {
        bool progress = Stack.Poll();
        if (progress || timeoutNanoseconds == 0)
        {
            return progress;
        }

        if (device is SimulatedLinkEndpoint)
        {
            // Nothing moves a simulated link but its clock, and the wait found nothing due on it: a single-threaded deadlock.
            if (timeoutNanoseconds < 0)
            {
                throw new DemiUsageException("Catnip: the wait can never complete: nothing is in flight on the simulated link and no timer is due. With two stacks on one thread, drive both (SimulatedNetwork.Wait) instead of waiting on one.");
            }

            return false;
        }

        device!.WaitForFrames(timeoutNanoseconds);
        return Stack.Poll();
    }

    private protected override void WakeDevice() => device?.Wake();

    private protected override void DisposeDevice() => device?.Dispose();

    private static IFrameDevice OpenDevice(CatnipOptions options) => options.Device switch
    {
        CatnipDeviceKind.Simulated => AttachSimulated(options.SimulatedLink),
        CatnipDeviceKind.AfPacket => AfPacketDevice.Open(RequireInterface(options), options.NetworkNamespace, options.PacketRing),
        CatnipDeviceKind.Tap => TapDevice.Open(RequireInterface(options), options.NetworkNamespace),
        _ => throw new DemiException(DemiError.EINVAL, $"Catnip: unknown device kind {options.Device}."),
    };

    private static SimulatedLinkEndpoint AttachSimulated(SimulatedLinkEndpoint? endpoint)
    {
        if (endpoint is null)
        {
            throw new DemiException(DemiError.EINVAL, "Catnip: a Simulated device needs CatnipOptions.SimulatedLink (an end of a SimulatedLink).");
        }

        if (endpoint.Attached)
        {
            throw new DemiException(DemiError.EBUSY, $"Catnip: {endpoint.Name} already carries a libOS; use the other end.");
        }

        endpoint.Attached = true;
        return endpoint;
    }

    private static string RequireInterface(CatnipOptions options) =>
        string.IsNullOrEmpty(options.InterfaceName)
            ? throw new DemiException(DemiError.EINVAL, $"Catnip: a {options.Device} device needs CatnipOptions.InterfaceName.")
            : options.InterfaceName;
}
