using System.Net;
using System.Net.Sockets;

// dotnet DotnetEcho.dll PORT: an echo server written the way .NET servers usually are — an accept loop and one
// async ValueTask per connection over Socket.ReceiveAsync/SendAsync, run by the thread pool.
if (args.Length != 1 || !int.TryParse(args[0], out int port))
{
    Console.Error.WriteLine("usage: DotnetEcho PORT");
    return 2;
}

using Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
listener.Bind(new IPEndPoint(IPAddress.Any, port));
listener.Listen(1024);
Console.WriteLine($"dotnet echo server on {listener.LocalEndPoint}");
while (true)
{
    Socket connection = await listener.AcceptAsync();
    connection.NoDelay = true;
    _ = Serve(connection);
}

static async ValueTask Serve(Socket connection)
{
    byte[] buffer = new byte[4096];
    try
    {
        while (true)
        {
            int received = await connection.ReceiveAsync(buffer.AsMemory(), SocketFlags.None);
            if (received == 0)
            {
                break;
            }

            await connection.SendAsync(buffer.AsMemory(0, received), SocketFlags.None);
        }
    }
    catch (SocketException)
    {
        // The peer reset the connection: it ends like a close.
    }
    finally
    {
        connection.Dispose();
    }
}
