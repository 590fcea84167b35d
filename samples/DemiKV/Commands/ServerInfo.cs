using System.Diagnostics;
using System.Runtime;
using System.Text;
using DemiKV.Server;

namespace DemiKV.Commands;

/// <summary>The text of INFO: the server, clients, memory, stats and keyspace sections, in Redis's field names.</summary>
internal static class ServerInfo
{
    /// <summary>The Redis version DemiKV reports (its command set follows Redis 7.0).</summary>
    public const string RedisVersion = "7.0.0";

    private static readonly string[] DefaultSections = ["server", "clients", "memory", "stats", "keyspace"];

    public static string Build(ClientSession client, IReadOnlyList<string> requested)
    {
        IEnumerable<string> sections = requested.Count == 0 || requested.Any(s => s is "all" or "default" or "everything")
            ? DefaultSections
            : DefaultSections.Where(requested.Contains);
        StringBuilder text = new();
        foreach (string section in sections)
        {
            if (text.Length > 0)
            {
                text.Append("\r\n");
            }

            switch (section)
            {
                case "server":
                    Server(client, text);
                    break;
                case "clients":
                    Clients(client, text);
                    break;
                case "memory":
                    Memory(client, text);
                    break;
                case "stats":
                    Stats(client, text);
                    break;
                default:
                    Keyspace(client, text);
                    break;
            }
        }

        return text.ToString();
    }

    private static void Server(ClientSession client, StringBuilder text)
    {
        text.Append("# Server\r\n")
            .Append("redis_version:").Append(RedisVersion).Append("\r\n")
            .Append("redis_mode:standalone\r\n")
            .Append("server_name:demikv\r\n")
            .Append("os:").Append(Environment.OSVersion.VersionString).Append("\r\n")
            .Append("arch_bits:64\r\n")
            .Append("multiplexing_api:").Append(client.OS.Kind.ToString().ToLowerInvariant()).Append("\r\n")
            .Append("process_id:").Append(Environment.ProcessId).Append("\r\n")
            .Append("tcp_port:").Append(client.Store.Port).Append("\r\n")
            .Append("uptime_in_seconds:").Append(client.Store.UptimeSeconds).Append("\r\n")
            .Append("uptime_in_days:").Append(client.Store.UptimeSeconds / 86400).Append("\r\n")
            .Append("hz:10\r\n");
    }

    private static void Clients(ClientSession client, StringBuilder text)
    {
        text.Append("# Clients\r\n")
            .Append("connected_clients:").Append(Interlocked.Read(ref client.Store.Stats.ConnectedClients)).Append("\r\n")
            .Append("maxclients:10000\r\n")
            .Append("blocked_clients:0\r\n");
    }

    private static void Memory(ClientSession client, StringBuilder text)
    {
        // Managed heap in use plus this shard's registered memory: what the keys and buffers really occupy.
        long used = GC.GetTotalMemory(forceFullCollection: false) + client.OS.Stats.RegisteredMemoryBytes;
        long rss;
        using (Process self = Process.GetCurrentProcess())
        {
            rss = self.WorkingSet64;
        }

        text.Append("# Memory\r\n")
            .Append("used_memory:").Append(used).Append("\r\n")
            .Append("used_memory_human:").Append(Human(used)).Append("\r\n")
            .Append("used_memory_rss:").Append(rss).Append("\r\n")
            .Append("used_memory_rss_human:").Append(Human(rss)).Append("\r\n")
            .Append("used_memory_peak:").Append(Math.Max(used, GC.GetGCMemoryInfo().HeapSizeBytes)).Append("\r\n")
            .Append("registered_memory:").Append(client.OS.Stats.RegisteredMemoryBytes).Append("\r\n")
            .Append("registered_sgas_live:").Append(client.OS.Stats.LiveSgas).Append("\r\n")
            .Append("maxmemory:0\r\n")
            .Append("maxmemory_policy:noeviction\r\n")
            .Append("mem_allocator:dotnet-gc\r\n");
        GarbageCollection(text);
    }

    // What the .NET collector did so far: a blocking collection stops the shard, so its pauses are the server's.
    private static void GarbageCollection(StringBuilder text)
    {
        GCMemoryInfo last = GC.GetGCMemoryInfo(GCKind.Any);
        GCMemoryInfo lastFull = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        text.Append("gc_mode:").Append(GCSettings.IsServerGC ? "server" : "workstation")
            .Append(GCSettings.LatencyMode == GCLatencyMode.Batch ? "-blocking" : "-concurrent").Append("\r\n")
            .Append("gc_collections_gen0:").Append(GC.CollectionCount(0)).Append("\r\n")
            .Append("gc_collections_gen1:").Append(GC.CollectionCount(1)).Append("\r\n")
            .Append("gc_collections_gen2:").Append(GC.CollectionCount(2)).Append("\r\n")
            .Append("gc_pause_total_ms:").Append((long)GC.GetTotalPauseDuration().TotalMilliseconds).Append("\r\n")
            .Append("gc_last_pause_ms:").Append(PauseMilliseconds(last)).Append("\r\n")
            .Append("gc_last_full_blocking_pause_ms:").Append(PauseMilliseconds(lastFull)).Append("\r\n");
    }

    private static double PauseMilliseconds(GCMemoryInfo info)
    {
        double total = 0;
        foreach (TimeSpan pause in info.PauseDurations)
        {
            total += pause.TotalMilliseconds;
        }

        return Math.Round(total, 3);
    }

    private static void Stats(ClientSession client, StringBuilder text)
    {
        KvStats stats = client.Store.Stats;
        long expired = 0;
        for (int i = 0; i < KvStore.DatabaseCount; i++)
        {
            expired += client.Store[i].ExpiredKeys;
        }

        text.Append("# Stats\r\n")
            .Append("total_connections_received:").Append(Interlocked.Read(ref stats.ConnectionsReceived)).Append("\r\n")
            .Append("total_commands_processed:").Append(stats.CommandsProcessed).Append("\r\n")
            .Append("expired_keys:").Append(expired).Append("\r\n")
            .Append("keyspace_hits:").Append(stats.KeyspaceHits).Append("\r\n")
            .Append("keyspace_misses:").Append(stats.KeyspaceMisses).Append("\r\n")
            .Append("total_error_replies_protocol:").Append(stats.ProtocolErrors).Append("\r\n");
    }

    private static void Keyspace(ClientSession client, StringBuilder text)
    {
        text.Append("# Keyspace\r\n");
        for (int i = 0; i < KvStore.DatabaseCount; i++)
        {
            Storage.Database database = client.Store[i];
            if (database.Count > 0)
            {
                text.Append("db").Append(i).Append(":keys=").Append(database.Count)
                    .Append(",expires=").Append(database.VolatileCount).Append(",avg_ttl=0\r\n");
            }
        }
    }

    private static string Human(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00}G",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.00}M",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.00}K",
        _ => $"{bytes}B",
    };
}
