using System.Buffers.Binary;

namespace DemiGen;

/// <summary>
/// An AF_PACKET socket on one interface (e.g. a veth end) with a PACKET_MMAP receive ring: the kernel writes frames
/// into a ring mapped into this process — TPACKET_V3 blocks by default, or TPACKET_V2 per-frame slots — and the stack
/// reads them in place: no copy and no system call per received frame. Frames are sent with send(). Frames the
/// socket sent itself are not looped back.
/// </summary>
internal sealed unsafe class AfPacketDevice : IFrameDevice
{
    private const uint BlockSize = 1 << 16;
    private const uint BlockCount = 32;
    private const uint FrameSize = 1 << 11;
    private const uint FrameCount = BlockSize * BlockCount / FrameSize;

    /// <summary>A block that is not full is handed over after this long, bounding the receive latency of a quiet link.</summary>
    private const uint RetireTimeoutMilliseconds = 1;

    private readonly WakeEvent wake;
    private readonly int interfaceIndex;
    private readonly PacketRingVersion version;
    private int fd;
    private byte* ring;
    private uint current;

    private AfPacketDevice(int fd, string interfaceName, WakeEvent wake, PacketRingVersion version)
    {
        this.fd = fd;
        this.wake = wake;
        this.version = version;
        Name = $"AF_PACKET ({version}) on {interfaceName}";
        InterfaceRequest request = Query(InterfaceRequest.SIOCGIFINDEX, interfaceName, "SIOCGIFINDEX");
        interfaceIndex = request.IntValue;
        HardwareAddress = Query(InterfaceRequest.SIOCGIFHWADDR, interfaceName, "SIOCGIFHWADDR").HardwareAddress;
        MaxFrameBytes = Query(InterfaceRequest.SIOCGIFMTU, interfaceName, "SIOCGIFMTU").IntValue + EthernetHeader.Length;
    }

    public string Name { get; }

    public MacAddress? HardwareAddress { get; }

    public int MaxFrameBytes { get; }

    /// <summary>Opens the socket on <paramref name="interfaceName"/> inside <paramref name="networkNamespace"/> (null: the current one).</summary>
    internal static AfPacketDevice Open(string interfaceName, string? networkNamespace, PacketRingVersion version = PacketRingVersion.TpacketV3)
    {
        using NetworkNamespaceScope scope = NetworkNamespaceScope.Enter(networkNamespace);
        int fd = LinuxNative.Socket(LinuxNative.AF_PACKET, LinuxNative.SOCK_RAW | LinuxNative.SOCK_NONBLOCK | LinuxNative.SOCK_CLOEXEC, BinaryPrimitives.ReverseEndianness(PacketMmap.ETH_P_ALL));
        if (fd < 0)
        {
            throw LinuxNative.Failure("socket(AF_PACKET)");
        }

        WakeEvent? wake = null;
        AfPacketDevice? device = null;
        try
        {
            wake = new WakeEvent();
            device = new AfPacketDevice(fd, interfaceName, wake, version);
            device.SetUpRing();
            device.BindToInterface();
            return device;
        }
        catch
        {
            if (device is not null)
            {
                device.Dispose();
            }
            else
            {
                wake?.Dispose();
                LinuxNative.Close(fd);
            }

            throw;
        }
    }

    /// <summary>Receives frames for every MAC, for a stack whose MAC is not the interface's own.</summary>
    internal void EnablePromiscuous()
    {
        PacketMmap.MembershipRequest membership = new() { InterfaceIndex = interfaceIndex, Type = PacketMmap.PACKET_MR_PROMISC };
        if (LinuxNative.SetSockOpt(fd, PacketMmap.SOL_PACKET, PacketMmap.PACKET_ADD_MEMBERSHIP, &membership, (uint)sizeof(PacketMmap.MembershipRequest)) < 0)
        {
            throw LinuxNative.Failure("setsockopt(PACKET_ADD_MEMBERSHIP, promiscuous)");
        }
    }

    public int Receive(IFrameReceiver receiver, int budget) =>
        version == PacketRingVersion.TpacketV3 ? ReceiveBlocks(receiver, budget) : ReceiveSlots(receiver, budget);

    private int ReceiveSlots(IFrameReceiver receiver, int budget)
    {
        int received = 0;
        while (received < budget)
        {
            byte* slot = ring + (current * FrameSize);
            uint status = Volatile.Read(ref *(uint*)(slot + PacketMmap.V2StatusOffset));
            if ((status & PacketMmap.TP_STATUS_USER) == 0)
            {
                break;
            }

            Deliver(receiver, slot + *(ushort*)(slot + PacketMmap.V2MacOffset), (int)*(uint*)(slot + PacketMmap.V2SnapLengthOffset), status);
            Volatile.Write(ref *(uint*)(slot + PacketMmap.V2StatusOffset), PacketMmap.TP_STATUS_KERNEL);
            current = (current + 1) % FrameCount;
            received++;
        }

        return received;
    }

    private int ReceiveBlocks(IFrameReceiver receiver, int budget)
    {
        int received = 0;
        while (received < budget)
        {
            byte* block = ring + (current * BlockSize);
            if ((Volatile.Read(ref *(uint*)(block + PacketMmap.BlockStatusOffset)) & PacketMmap.TP_STATUS_USER) == 0)
            {
                break;
            }

            uint count = *(uint*)(block + PacketMmap.BlockPacketCountOffset);
            byte* packet = block + *(uint*)(block + PacketMmap.BlockFirstPacketOffset);
            for (uint i = 0; i < count; i++)
            {
                Deliver(receiver, packet + *(ushort*)(packet + PacketMmap.PacketMacOffset), (int)*(uint*)(packet + PacketMmap.PacketSnapLengthOffset), *(uint*)(packet + PacketMmap.PacketStatusOffset));
                packet += *(uint*)(packet + PacketMmap.PacketNextOffset);
            }

            // Hand the whole block back to the kernel: TPACKET_V3 returns blocks, not single frames.
            Volatile.Write(ref *(uint*)(block + PacketMmap.BlockStatusOffset), PacketMmap.TP_STATUS_KERNEL);
            current = (current + 1) % BlockCount;
            received += (int)count;
        }

        return received;
    }

    private static void Deliver(IFrameReceiver receiver, byte* start, int length, uint status)
    {
        Span<byte> frame = new(start, length);
        if ((status & PacketMmap.TP_STATUS_CSUMNOTREADY) != 0)
        {
            PartialChecksum.Complete(frame);
        }

        receiver.OnFrame(frame);
    }

    public bool Transmit(ReadOnlySpan<byte> frame)
    {
        fixed (byte* bytes = frame)
        {
            return LinuxNative.Send(fd, bytes, (nuint)frame.Length, LinuxNative.MSG_DONTWAIT) == frame.Length;
        }
    }

    public void WaitForFrames(long timeoutNanoseconds) => wake.WaitWith(fd, timeoutNanoseconds);

    public void Wake() => wake.Signal();

    public void Dispose()
    {
        if (ring is not null)
        {
            LinuxNative.Munmap(ring, BlockSize * BlockCount);
            ring = null;
        }

        if (fd >= 0)
        {
            LinuxNative.Close(fd);
            fd = -1;
        }

        wake.Dispose();
    }

    private void SetUpRing()
    {
        int ringVersion = version == PacketRingVersion.TpacketV3 ? PacketMmap.TPACKET_V3 : PacketMmap.TPACKET_V2;
        if (LinuxNative.SetSockOpt(fd, PacketMmap.SOL_PACKET, PacketMmap.PACKET_VERSION, &ringVersion, sizeof(int)) < 0)
        {
            throw LinuxNative.Failure($"setsockopt(PACKET_VERSION, {version})");
        }

        // Linux 4.20+; on older kernels the Ethernet layer drops our own frames by source MAC instead.
        int ignoreOutgoing = 1;
        LinuxNative.SetSockOpt(fd, PacketMmap.SOL_PACKET, PacketMmap.PACKET_IGNORE_OUTGOING, &ignoreOutgoing, sizeof(int));

        PacketMmap.Request request = new()
        {
            BlockSize = BlockSize,
            BlockCount = BlockCount,
            FrameSize = FrameSize,
            FrameCount = FrameCount,
            RetireBlockTimeoutMilliseconds = RetireTimeoutMilliseconds,
        };

        // TPACKET_V2 takes struct tpacket_req: the first four fields.
        uint requestSize = version == PacketRingVersion.TpacketV3 ? (uint)sizeof(PacketMmap.Request) : 4 * sizeof(uint);
        if (LinuxNative.SetSockOpt(fd, PacketMmap.SOL_PACKET, PacketMmap.PACKET_RX_RING, &request, requestSize) < 0)
        {
            throw LinuxNative.Failure("setsockopt(PACKET_RX_RING)");
        }

        void* mapped = LinuxNative.Mmap(null, BlockSize * BlockCount, LinuxNative.PROT_READ | LinuxNative.PROT_WRITE, LinuxNative.MAP_SHARED, fd, 0);
        if (mapped == (void*)-1)
        {
            throw LinuxNative.Failure("mmap(PACKET_RX_RING)");
        }

        ring = (byte*)mapped;
    }

    private void BindToInterface()
    {
        PacketMmap.LinkLayerAddress address = new()
        {
            Family = LinuxNative.AF_PACKET,
            Protocol = BinaryPrimitives.ReverseEndianness(PacketMmap.ETH_P_ALL),
            InterfaceIndex = interfaceIndex,
        };
        if (LinuxNative.Bind(fd, &address, (uint)sizeof(PacketMmap.LinkLayerAddress)) < 0)
        {
            throw LinuxNative.Failure($"bind({Name})");
        }
    }

    private InterfaceRequest Query(nuint ioctl, string interfaceName, string what)
    {
        InterfaceRequest request = InterfaceRequest.For(interfaceName);
        if (LinuxNative.Ioctl(fd, ioctl, &request) < 0)
        {
            throw LinuxNative.Failure($"ioctl({what}, {interfaceName})");
        }

        return request;
    }
}
