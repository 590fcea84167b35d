using System.Net;
using DemiGen;

namespace DemiKV.Server;

/// <summary>
/// DemiKV's command line: <c>--libos</c>, <c>--bind</c>, <c>--port</c>, <c>--shards</c>, <c>--zero-copy-min</c>, and for
/// Catnip (DemiGen's own TCP/IP stack) the device it owns: <c>--device</c>, <c>--interface</c>, <c>--address</c>,
/// <c>--gateway</c>, <c>--netns</c>.
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = "usage: DemiKV [--libos catnap|catmem|catnip] [--bind 127.0.0.1] [--port 6379] [--shards N] [--zero-copy-min BYTES]\n"
        + "       Catnip: --interface NAME --address A.B.C.D[/prefix] [--device afpacket|tap] [--gateway A.B.C.D] [--netns NAME]";

    /// <summary>The libOS every shard runs on (Catnap: kernel sockets + epoll).</summary>
    public LibOSKind LibOS { get; init; } = LibOSKind.Catnap;

    /// <summary>The address to listen on (Catnap's default: loopback; Catnip's: any, i.e. its own address).</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port (0 picks a free one).</summary>
    public int Port { get; init; } = 6379;

    /// <summary>How many shards: one libOS on its own thread each, sharing the port with SO_REUSEPORT.</summary>
    public int Shards { get; init; } = 1;

    /// <summary>The default of <see cref="ZeroCopyMinBytes"/>: below it, copying a value into the reply costs less than pushing it on its own.</summary>
    public const int DefaultZeroCopyMinBytes = 32 * 1024;

    /// <summary>
    /// String values of at least this many bytes live in registered memory and GET pushes them without copying;
    /// 0 turns it off. Only with one shard (registered memory belongs to one libOS and its thread).
    /// </summary>
    public int ZeroCopyMinBytes { get; init; } = DefaultZeroCopyMinBytes;

    /// <summary>Catnip: the raw-frame device (an AF_PACKET socket on an existing interface, or a TAP interface it creates).</summary>
    public CatnipDeviceKind Device { get; init; } = CatnipDeviceKind.AfPacket;

    /// <summary>Catnip: the interface (a veth end or NIC for AF_PACKET; the name of the TAP interface to create).</summary>
    public string? Interface { get; init; }

    /// <summary>Catnip: the stack's own IPv4 address.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Catnip: the length of the subnet prefix of <see cref="Address"/>.</summary>
    public int PrefixLength { get; init; } = 24;

    /// <summary>Catnip: the router for destinations off the subnet.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Catnip: the network namespace (under /var/run/netns) to open the device in.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a usage message on bad input.</summary>
    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        ServerOptions options = new();
        bool bindGiven = false;
        bool catnipGiven = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "-h" or "--help")
            {
                throw new ArgumentException(Usage);
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.\n{Usage}");
            }

            string value = args[++i];
            bindGiven |= name == "--bind";
            catnipGiven |= name is "--device" or "--interface" or "--address" or "--gateway" or "--netns";
            options = name switch
            {
                "--libos" => options with { LibOS = ParseLibOS(value) },
                "--bind" => options with { Bind = ParseAddress(value) },
                "--port" => options with { Port = int.TryParse(value, out int port) && port is >= 0 and <= 65535 ? port : throw new ArgumentException($"'{value}' is not a port (0-65535).") },
                "--shards" => options with { Shards = int.TryParse(value, out int shards) && shards is >= 1 and <= 256 ? shards : throw new ArgumentException($"'{value}' is not a shard count (1-256).") },
                "--zero-copy-min" => options with { ZeroCopyMinBytes = int.TryParse(value, out int bytes) && bytes >= 0 ? bytes : throw new ArgumentException($"'{value}' is not a byte count (0 turns zero-copy replies off).") },
                "--device" => options with { Device = ParseDevice(value) },
                "--interface" => options with { Interface = value.Length is > 0 and < 16 ? value : throw new ArgumentException($"'{value}' is not an interface name (1-15 characters).") },
                "--address" => WithAddress(options, value),
                "--gateway" => options with { Gateway = ParseAddress(value) },
                "--netns" => options with { NetworkNamespace = value.Length > 0 && !value.Contains('/') ? value : throw new ArgumentException($"'{value}' is not a network namespace name.") },
                _ => throw new ArgumentException($"unknown option '{name}'.\n{Usage}"),
            };
        }

        if (options.LibOS != LibOSKind.Catnip)
        {
            return catnipGiven ? throw new ArgumentException($"--device, --interface, --address, --gateway and --netns configure Catnip; add --libos catnip.\n{Usage}") : options;
        }

        if (options.Interface is null || options.Address is null)
        {
            throw new ArgumentException($"Catnip owns a network device: give it --interface and --address.\n{Usage}");
        }

        if (options.Shards != 1)
        {
            throw new ArgumentException("Catnip runs one shard: one user-level TCP/IP stack owns the device.");
        }

        return bindGiven ? options : options with { Bind = IPAddress.Any };
    }

    /// <summary>The settings of the Catnip libOS these options describe.</summary>
    public CatnipOptions ToCatnipOptions() => new()
    {
        Device = Device,
        InterfaceName = Interface,
        NetworkNamespace = NetworkNamespace,
        Address = Address,
        Netmask = Netmask(PrefixLength),
        Gateway = Gateway,
    };

    // Catcollar is named so that it refuses with the libOS's own message (not built yet), as every LibOSKind does.
    private static LibOSKind ParseLibOS(string value) => value.ToLowerInvariant() switch
    {
        "catnap" => LibOSKind.Catnap,
        "catmem" => LibOSKind.Catmem,
        "catnip" => LibOSKind.Catnip,
        "catcollar" => LibOSKind.Catcollar,
        _ => throw new ArgumentException($"unknown libOS '{value}'; use catnap, catmem or catnip."),
    };

    private static CatnipDeviceKind ParseDevice(string value) => value.ToLowerInvariant() switch
    {
        "afpacket" => CatnipDeviceKind.AfPacket,
        "tap" => CatnipDeviceKind.Tap,
        _ => throw new ArgumentException($"unknown Catnip device '{value}'; use afpacket or tap."),
    };

    private static IPAddress ParseAddress(string value) =>
        IPAddress.TryParse(value, out IPAddress? address) ? address : throw new ArgumentException($"'{value}' is not an IP address.");

    private static ServerOptions WithAddress(ServerOptions options, string value)
    {
        string[] parts = value.Split('/');
        IPAddress address = ParseAddress(parts[0]);
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{value}': Catnip speaks IPv4 only.");
        }

        int prefix = parts.Length switch
        {
            1 => 24,
            2 when int.TryParse(parts[1], out int length) && length is >= 1 and <= 30 => length,
            _ => throw new ArgumentException($"'{value}' is not an IPv4 address with an optional /prefix (1-30)."),
        };
        return options with { Address = address, PrefixLength = prefix };
    }

    private static IPAddress Netmask(int prefixLength)
    {
        uint mask = uint.MaxValue << (32 - prefixLength);
        return new IPAddress(new[] { (byte)(mask >> 24), (byte)(mask >> 16), (byte)(mask >> 8), (byte)mask });
    }
}
