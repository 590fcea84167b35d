using DemiGen;

namespace DemiKV.Server;

/// <summary>The libOS settings of one shard.</summary>
internal static class ShardOptions
{
    /// <summary>Settings for a shard of a server started with <paramref name="options"/>.</summary>
    public static LibOSOptions For(ServerOptions options) => new()
    {
        RegisteredMemoryBytes = 16 << 20,

        // Several shards listen on one port; the kernel spreads new connections over them.
        CatnapReusePort = options.Shards > 1,
        Catnip = options.LibOS == LibOSKind.Catnip ? options.ToCatnipOptions() : null,
    };
}
