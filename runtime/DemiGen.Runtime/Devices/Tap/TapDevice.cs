namespace DemiGen;

/// <summary>
/// A TAP interface made through /dev/net/tun (IFF_TAP, no packet-info header): the kernel sees an Ethernet interface
/// whose cable ends in this process. Each read returns one frame, each write sends one. The interface exists while
/// the device is open; bring it up and address the kernel's side with iproute2.
/// </summary>
internal sealed unsafe class TapDevice : IFrameDevice
{
    private const short IFF_TAP = 0x0002;
    private const short IFF_NO_PI = 0x1000;

    private readonly WakeEvent wake;
    private readonly byte[] receiveBuffer;
    private int fd;

    private TapDevice(int fd, string interfaceName, WakeEvent wake)
    {
        this.fd = fd;
        this.wake = wake;
        InterfaceName = interfaceName;
        Name = $"TAP {interfaceName}";

        // The tun driver accepts frames up to the interface MTU; leave room for a larger MTU set later.
        MaxFrameBytes = 1500 + EthernetHeader.Length;
        receiveBuffer = new byte[65536];
    }

    public string Name { get; }

    /// <summary>The interface's name as the kernel gave it.</summary>
    internal string InterfaceName { get; }

    /// <summary>The kernel's side has its own MAC; the stack at this end of the cable needs another, so none is offered.</summary>
    public MacAddress? HardwareAddress => null;

    public int MaxFrameBytes { get; }

    /// <summary>Creates (or attaches to) TAP interface <paramref name="interfaceName"/> in <paramref name="networkNamespace"/>.</summary>
    internal static TapDevice Open(string interfaceName, string? networkNamespace)
    {
        using NetworkNamespaceScope scope = NetworkNamespaceScope.Enter(networkNamespace);
        InterfaceRequest request = InterfaceRequest.For(interfaceName);
        int fd = LinuxNative.Open("/dev/net/tun", LinuxNative.O_RDWR | LinuxNative.O_NONBLOCK | LinuxNative.O_CLOEXEC);
        if (fd < 0)
        {
            throw LinuxNative.Failure("open(/dev/net/tun)");
        }

        *(short*)request.Data = IFF_TAP | IFF_NO_PI;
        if (LinuxNative.Ioctl(fd, InterfaceRequest.TUNSETIFF, &request) < 0)
        {
            DemiException failure = LinuxNative.Failure($"ioctl(TUNSETIFF, {interfaceName})");
            LinuxNative.Close(fd);
            throw failure;
        }

        try
        {
            return new TapDevice(fd, request.InterfaceName, new WakeEvent());
        }
        catch
        {
            LinuxNative.Close(fd);
            throw;
        }
    }

    public int Receive(IFrameReceiver receiver, int budget)
    {
        int received = 0;
        fixed (byte* buffer = receiveBuffer)
        {
            while (received < budget)
            {
                nint length = LinuxNative.Read(fd, buffer, (nuint)receiveBuffer.Length);
                if (length <= 0)
                {
                    break;
                }

                receiver.OnFrame(new ReadOnlySpan<byte>(buffer, (int)length));
                received++;
            }
        }

        return received;
    }

    public bool Transmit(ReadOnlySpan<byte> frame)
    {
        fixed (byte* bytes = frame)
        {
            return LinuxNative.Write(fd, bytes, (nuint)frame.Length) == frame.Length;
        }
    }

    public void WaitForFrames(long timeoutNanoseconds) => wake.WaitWith(fd, timeoutNanoseconds);

    public void Wake() => wake.Signal();

    public void Dispose()
    {
        if (fd >= 0)
        {
            LinuxNative.Close(fd);
            fd = -1;
        }

        wake.Dispose();
    }
}
