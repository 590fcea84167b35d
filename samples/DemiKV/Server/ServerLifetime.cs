namespace DemiKV.Server;

/// <summary>Tells the shards' loops to stop (Ctrl+C, SIGTERM, or a test finishing).</summary>
public sealed class ServerLifetime
{
    private volatile bool stopping;

    /// <summary>True once <see cref="Stop"/> was called.</summary>
    public bool Stopping => stopping;

    /// <summary>Asks every loop to finish.</summary>
    public void Stop() => stopping = true;
}
