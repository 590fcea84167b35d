using System.Net;

namespace DemiGen.Samples.Echo;

/// <summary>The command line of the echo sample.</summary>
public sealed record EchoArguments(string Mode, IPAddress Bind, IPAddress Host, int Port, bool Udp, int Threads, int Count, int Warmup, int Size, int SpinBudget)
{
    /// <summary>How to call the sample.</summary>
    public const string Usage = "usage: echo server --port P [--udp] [--threads N] [--bind ADDRESS] [--spin ROUNDS]\n       echo client --port P [--host ADDRESS] [--udp] [--count N] [--warmup N] [--size BYTES] [--spin ROUNDS]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a clear message on bad input.</summary>
    public static EchoArguments Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("server" or "client"))
        {
            throw new ArgumentException("the first argument must be 'server' or 'client'.");
        }

        EchoArguments parsed = new(args[0], IPAddress.Any, IPAddress.Loopback, 7000, false, 1, 100_000, 10_000, 64, new LibOSOptions().SpinBudget);
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
            parsed = option switch
            {
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

        return parsed;
    }

    private static int Number(string option, string value, int min, int max) =>
        int.TryParse(value, out int n) && n >= min && n <= max ? n : throw new ArgumentException($"{option} must be a number from {min} to {max}, not '{value}'.");

    private static IPAddress Address(string option, string value) =>
        IPAddress.TryParse(value, out IPAddress? address) ? address : throw new ArgumentException($"{option} must be an IP address, not '{value}'.");
}
