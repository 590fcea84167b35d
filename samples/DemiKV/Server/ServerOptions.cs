using System.Net;
using DemiGen;

namespace DemiKV.Server;

/// <summary>DemiKV's command line: <c>--libos</c>, <c>--bind</c>, <c>--port</c>, <c>--shards</c>, <c>--zero-copy-min</c>.</summary>
public sealed record ServerOptions
{
    /// <summary>The libOS every shard runs on (Catnap: kernel sockets + epoll).</summary>
    public LibOSKind LibOS { get; init; } = LibOSKind.Catnap;

    /// <summary>The address to listen on.</summary>
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

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a usage message on bad input.</summary>
    public static ServerOptions Parse(IReadOnlyList<string> args)
    {
        ServerOptions options = new();
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
            options = name switch
            {
                "--libos" => options with { LibOS = Enum.TryParse(value, ignoreCase: true, out LibOSKind kind) ? kind : throw new ArgumentException($"unknown libOS '{value}'; use catnap, catmem or catnip.") },
                "--bind" => options with { Bind = IPAddress.TryParse(value, out IPAddress? address) ? address : throw new ArgumentException($"'{value}' is not an IP address.") },
                "--port" => options with { Port = int.TryParse(value, out int port) && port is >= 0 and <= 65535 ? port : throw new ArgumentException($"'{value}' is not a port (0-65535).") },
                "--shards" => options with { Shards = int.TryParse(value, out int shards) && shards is >= 1 and <= 256 ? shards : throw new ArgumentException($"'{value}' is not a shard count (1-256).") },
                "--zero-copy-min" => options with { ZeroCopyMinBytes = int.TryParse(value, out int bytes) && bytes >= 0 ? bytes : throw new ArgumentException($"'{value}' is not a byte count (0 turns zero-copy replies off).") },
                _ => throw new ArgumentException($"unknown option '{name}'.\n{Usage}"),
            };
        }

        return options;
    }

    /// <summary>The usage text.</summary>
    public const string Usage = "usage: DemiKV [--libos catnap|catmem|catnip] [--bind 127.0.0.1] [--port 6379] [--shards N] [--zero-copy-min BYTES]";
}
