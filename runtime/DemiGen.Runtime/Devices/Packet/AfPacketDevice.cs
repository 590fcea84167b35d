using System.Buffers.Binary;

namespace DemiGen;

/// <summary>
/// An AF_PACKET socket on one interface (e.g. a veth end) with a PACKET_MMAP TPACKET_V3 receive ring: the kernel
/// writes frames into blocks of a ring mapped into this process, and the stack reads them in place — no copy and no
/// system call per received frame. Frames are sent with send(). Frames the socket sent itself are not looped back.
/// </summary>
internal sealed unsafe class AfPacketDevice : IFrameDevice
{
    private const uint BlockSize = 1 << 16;
    private const uint BlockCount = 32;
    private const uint FrameSize = 1 << 11;

    /// <summary>A block that is not full is handed over after this long, bounding the receive latency of a quiet link.</summary>
    private const uint RetireTimeoutMilliseconds = 1;

    private readonly WakeEvent wake;
    private readonly int interfaceIndex;
    private int fd;
    private byte* ring;
    private uint currentBlock;

    private AfPacketDevice(int fd, string interfaceName, WakeEvent wake)
    {
        this.fd = fd;
        this.wake = wake;
        Name = $"AF_PACKET on {interfaceName}";
        InterfaceRequest request = Query(InterfaceRequest.SIOCGIFINDEX, interfaceName, "SIOCGIFINDEX");
        interfaceIndex = request.IntValue;
        HardwareAddress = Query(InterfaceRequest.SIOCGIFHWADDR, interfaceName, "SIOCGIFHWADDR").HardwareAddress;
        MaxFrameBytes = Query(InterfaceRequest.SIOCGIFMTU, interfaceName, "SIOCGIFMTU").IntValue + EthernetHeader.Length;
    }

    public string Name { get; }

    public MacAddress? HardwareAddress { get; }

    public int MaxFrameBytes { get; }

    /// <summary>Opens the socket on <paramref name="interfaceName"/> inside <paramref name="networkNamespace"/> (null: the current one).</summary>
    internal static AfPacketDevice Open(string interfaceName, string? networkNamespace)
    {
        using NetworkNamespaceScope scope = NetworkNamespaceScope.Enter(networkNamespace);
        int fd = LinuxNative.Socket(LinuxNative.AF_PACKET, LinuxNative.SOCK_RAW | LinuxNative.SOCK_NONBLOCK | LinuxNative.SOCK_CLOEXEC, BinaryPrimitives.ReverseEndianness(TpacketV3.ETH_P_ALL));
        if (fd < 0)
        {
            throw LinuxNative.Failure("socket(AF_PACKET)");
        }

        WakeEvent? wake = null;
        AfPacketDevice? device = null;
        try
        {
            wake = new WakeEvent();
            device = new AfPacketDevice(fd, interfaceName, wake);
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
        TpacketV3.MembershipRequest membership = new() { InterfaceIndex = interfaceIndex, Type = TpacketV3.PACKET_MR_PROMISC };
        if (LinuxNative.SetSockOpt(fd, TpacketV3.SOL_PACKET, TpacketV3.PACKET_ADD_MEMBERSHIP, &membership, (uint)sizeof(TpacketV3.MembershipRequest)) < 0)
        {
            throw LinuxNative.Failure("setsockopt(PACKET_ADD_MEMBERSHIP, promiscuous)");
        }
    }

    public int Receive(IFrameReceiver receiver, int budget)
    {
        int received = 0;
        while (received < budget)
        {
            byte* block = ring + (currentBlock * BlockSize);
            if ((Volatile.Read(ref *(uint*)(block + TpacketV3.BlockStatusOffset)) & TpacketV3.TP_STATUS_USER) == 0)
            {
                break;
            }

            uint count = *(uint*)(block + TpacketV3.BlockPacketCountOffset);
            byte* packet = block + *(uint*)(block + TpacketV3.BlockFirstPacketOffset);
            for (uint i = 0; i < count; i++)
            {
                int length = (int)*(uint*)(packet + TpacketV3.PacketSnapLengthOffset);
                Span<byte> frame = new(packet + *(ushort*)(packet + TpacketV3.PacketMacOffset), length);
                if ((*(uint*)(packet + TpacketV3.PacketStatusOffset) & TpacketV3.TP_STATUS_CSUMNOTREADY) != 0)
                {
                    PartialChecksum.Complete(frame);
                }

                receiver.OnFrame(frame);
                packet += *(uint*)(packet + TpacketV3.PacketNextOffset);
            }

            // Hand the whole block back to the kernel: TPACKET_V3 returns blocks, not single frames.
            Volatile.Write(ref *(uint*)(block + TpacketV3.BlockStatusOffset), TpacketV3.TP_STATUS_KERNEL);
            currentBlock = (currentBlock + 1) % BlockCount;
            received += (int)count;
        }

        return received;
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
        int version = TpacketV3.TPACKET_V3;
        if (LinuxNative.SetSockOpt(fd, TpacketV3.SOL_PACKET, TpacketV3.PACKET_VERSION, &version, sizeof(int)) < 0)
        {
            throw LinuxNative.Failure("setsockopt(PACKET_VERSION, TPACKET_V3)");
        }

        // Linux 4.20+; on older kernels the Ethernet layer drops our own frames by source MAC instead.
        int ignoreOutgoing = 1;
        LinuxNative.SetSockOpt(fd, TpacketV3.SOL_PACKET, TpacketV3.PACKET_IGNORE_OUTGOING, &ignoreOutgoing, sizeof(int));

        TpacketV3.Request request = new()
        {
            BlockSize = BlockSize,
            BlockCount = BlockCount,
            FrameSize = FrameSize,
            FrameCount = BlockSize * BlockCount / FrameSize,
            RetireBlockTimeoutMilliseconds = RetireTimeoutMilliseconds,
        };
        if (LinuxNative.SetSockOpt(fd, TpacketV3.SOL_PACKET, TpacketV3.PACKET_RX_RING, &request, (uint)sizeof(TpacketV3.Request)) < 0)
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
        TpacketV3.LinkLayerAddress address = new()
        {
            Family = LinuxNative.AF_PACKET,
            Protocol = BinaryPrimitives.ReverseEndianness(TpacketV3.ETH_P_ALL),
            InterfaceIndex = interfaceIndex,
        };
        if (LinuxNative.Bind(fd, &address, (uint)sizeof(TpacketV3.LinkLayerAddress)) < 0)
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
