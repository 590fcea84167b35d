using System.Runtime.InteropServices;
using System.Text;

namespace DemiGen;

/// <summary>struct ifreq (40 bytes on 64-bit Linux): an interface name and a union of per-request data.</summary>
[StructLayout(LayoutKind.Sequential, Size = 40)]
internal unsafe struct InterfaceRequest
{
    internal const int NameSize = 16;
    internal const nuint SIOCGIFMTU = 0x8921;
    internal const nuint SIOCGIFHWADDR = 0x8927;
    internal const nuint SIOCGIFINDEX = 0x8933;
    internal const nuint TUNSETIFF = 0x400454CA;

    internal fixed byte Name[NameSize];
    internal fixed byte Data[24];

    internal static InterfaceRequest For(string name)
    {
        if (name.Length is 0 or >= NameSize || Encoding.UTF8.GetByteCount(name) >= NameSize)
        {
            throw new DemiException(DemiError.EINVAL, $"Interface name '{name}' must be 1 to {NameSize - 1} bytes.");
        }

        InterfaceRequest request = default;
        Encoding.UTF8.GetBytes(name, new Span<byte>(request.Name, NameSize));
        return request;
    }

    internal readonly string InterfaceName
    {
        get
        {
            fixed (byte* name = Name)
            {
                ReadOnlySpan<byte> bytes = new(name, NameSize);
                int end = bytes.IndexOf((byte)0);
                return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
            }
        }
    }

    /// <summary>The int at the start of the union (ifr_ifindex, ifr_mtu).</summary>
    internal int IntValue
    {
        readonly get
        {
            fixed (byte* data = Data)
            {
                return *(int*)data;
            }
        }

        set
        {
            fixed (byte* data = Data)
            {
                *(int*)data = value;
            }
        }
    }

    /// <summary>ifr_hwaddr: a sockaddr whose sa_data holds the MAC after the 2-byte family.</summary>
    internal readonly MacAddress HardwareAddress
    {
        get
        {
            fixed (byte* data = Data)
            {
                return MacAddress.Read(new ReadOnlySpan<byte>(data + 2, 6));
            }
        }
    }
}
