using System.Net;
using System.Net.Sockets;

namespace DemiKV.Tests.Support;

internal static class FreePort
{
    /// <summary>A loopback TCP port that was free a moment ago (for programs that cannot bind port 0 and report it).</summary>
    public static int Pick()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
