using System.Net;

namespace DemiGen.Samples.Echo;

/// <summary>The command line of the echo sample.</summary>
public sealed record EchoArguments(string Mode, IPAddress Bind, IPAddress Host, int Port, bool Udp, int Threads, int Count, int Warmup, int Size, int SpinBudget)
{
    /// <summary>How to call the sample.</summary>
    public const string Usage = "usage: echo server --port P [--udp] [--threads N] [--bind ADDRESS] [--spin ROUNDS] [LIBOS]\n       echo client --port P [--host ADDRESS] [--udp] [--count N] [--warmup N] [--size BYTES] [--spin ROUNDS] [LIBOS]\n" +
        "LIBOS: --libos catnap (default: the kernel's sockets) | --libos catnip --address A --interface IF [--device afpacket|tap] [--ring v3|v2] [--netns NS] [--netmask M] [--gateway G] [--mac MAC]";

    /// <summary>Which libOS runs the sample.</summary>
    public LibOSKind LibOS { get; init; } = LibOSKind.Catnap;

    /// <summary>Catnip's device and IPv4 identity (set with <c>--libos catnip</c>).</summary>
    public CatnipOptions? Catnip { get; init; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a clear message on bad input.</summary>
    public static EchoArguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("server" or "client"))
        {
            throw new ArgumentException("the first argument must be 'server' or 'client'.");
        }

        EchoArguments parsed = new(args[0], IPAddress.Any, IPAddress.Loopback, 7000, false, 1, 100_000, 10_000, 64, new LibOSOptions().SpinBudget);
        CatnipSettings catnip = new();
        for (int i = 1; i < args.Length; i++)
        {
            string option = args[i];
            if (option == "--udp")
            {
                parsed = parsed with { Udp = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{option} needs a value.");
            }

            string value = args[++i];
            if (catnip.TrySet(option, value))
            {
                continue;
            }

            parsed = option switch
            {
                "--libos" => parsed with { LibOS = LibOSName(value) },
                "--port" => parsed with { Port = Number(option, value, 0, 65535) },
                "--threads" => parsed with { Threads = Number(option, value, 1, 1024) },
                "--count" => parsed with { Count = Number(option, value, 1, 100_000_000) },
                "--warmup" => parsed with { Warmup = Number(option, value, 0, 100_000_000) },
                "--size" => parsed with { Size = Number(option, value, 1, 65507) },
                "--spin" => parsed with { SpinBudget = Number(option, value, 0, int.MaxValue) },
                "--bind" => parsed with { Bind = Address(option, value) },
                "--host" => parsed with { Host = Address(option, value) },
                _ => throw new ArgumentException($"unknown option {option}."),
            };
        }

        if (parsed.LibOS == LibOSKind.Catnip)
        {
            if (catnip.Address is null || catnip.InterfaceName is null)
            {
                throw new ArgumentException("--libos catnip needs --address (the stack's IPv4 address) and --interface (a veth end or TAP name).");
            }

            if (parsed.Threads != 1)
            {
                throw new ArgumentException("--libos catnip serves from one thread: one libOS owns the device.");
            }

            return parsed with { Catnip = catnip.ToOptions() };
        }

        return catnip.Any ? throw new ArgumentException("the device options (--address, --interface, …) need --libos catnip.") : parsed;
    }

    private static LibOSKind LibOSName(string value) => value switch
    {
        "catnap" => LibOSKind.Catnap,
        "catnip" => LibOSKind.Catnip,
        _ => throw new ArgumentException($"--libos must be catnap or catnip, not '{value}'."),
    };

    /// <summary>The Catnip device options as they are parsed.</summary>
    private sealed class CatnipSettings
    {
        private IPAddress? netmask;
        private IPAddress? gateway;
        private string? networkNamespace;
        private MacAddress? mac;
        private CatnipDeviceKind device = CatnipDeviceKind.AfPacket;
        private PacketRingVersion ring = PacketRingVersion.TpacketV3;

        internal IPAddress? Address { get; private set; }

        internal string? InterfaceName { get; private set; }

        /// <summary>Whether any device option was given.</summary>
        internal bool Any { get; private set; }

        /// <summary>Applies one device option; false when <paramref name="option"/> is not one.</summary>
        internal bool TrySet(string option, string value)
        {
            switch (option)
            {
                case "--address": Address = EchoArguments.Address(option, value); break;
                case "--netmask": netmask = EchoArguments.Address(option, value); break;
                case "--gateway": gateway = EchoArguments.Address(option, value); break;
                case "--interface": InterfaceName = value; break;
                case "--netns": networkNamespace = value; break;
                case "--mac": mac = Mac(value); break;
                case "--device":
                    device = value switch
                    {
                        "afpacket" => CatnipDeviceKind.AfPacket,
                        "tap" => CatnipDeviceKind.Tap,
                        _ => throw new ArgumentException($"--device must be afpacket or tap, not '{value}'."),
                    };
                    break;
                case "--ring":
                    ring = value switch
                    {
                        "v3" => PacketRingVersion.TpacketV3,
                        "v2" => PacketRingVersion.TpacketV2,
                        _ => throw new ArgumentException($"--ring must be v3 (TPACKET_V3 blocks) or v2 (TPACKET_V2 frames), not '{value}'."),
                    };
                    break;
                default:
                    return false;
            }

            Any = true;
            return true;
        }

        internal CatnipOptions ToOptions() => new()
        {
            Device = device,
            PacketRing = ring,
            InterfaceName = InterfaceName,
            NetworkNamespace = networkNamespace,
            Address = Address,
            Netmask = netmask ?? IPAddress.Parse("255.255.255.0"),
            Gateway = gateway,
            Mac = mac,
        };

        private static MacAddress Mac(string value)
        {
            try
            {
                return MacAddress.Parse(value);
            }
            catch (FormatException)
            {
                throw new ArgumentException($"--mac must look like 02:00:0a:00:00:01, not '{value}'.");
            }
        }
    }

    private static int Number(string option, string value, int min, int max) =>
        int.TryParse(value, out int n) && n >= min && n <= max ? n : throw new ArgumentException($"{option} must be a number from {min} to {max}, not '{value}'.");

    private static IPAddress Address(string option, string value) =>
        IPAddress.TryParse(value, out IPAddress? address) ? address : throw new ArgumentException($"{option} must be an IP address, not '{value}'.");
}
