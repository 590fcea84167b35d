namespace DemiKV.Server;

/// <summary>Counters for INFO stats and clients.</summary>
public sealed class KvStats
{
    /// <summary>Connections accepted since start.</summary>
    public long ConnectionsReceived;

    /// <summary>Clients connected now.</summary>
    public long ConnectedClients;

    /// <summary>Commands run since start.</summary>
    public long CommandsProcessed;

    /// <summary>Key lookups by read commands that found the key.</summary>
    public long KeyspaceHits;

    /// <summary>Key lookups by read commands that missed.</summary>
    public long KeyspaceMisses;

    /// <summary>Connections closed because of a protocol error.</summary>
    public long ProtocolErrors;
}
