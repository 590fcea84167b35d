using System.Net;
using System.Net.Sockets;
using DemiGen;
using DemiGenServer;

// dotnet run -- [PORT]   (default 7000; 0 picks a free port). Ctrl-C stops.
int port = 7000;
if (args.Length > 1 || (args.Length == 1 && !(int.TryParse(args[0], out port) && port is >= 0 and <= 65535)))
{
    Console.Error.WriteLine("usage: DemiGenServer [PORT]   (PORT from 0 to 65535; 0 picks a free port)");
    return 2;
}

TaskCompletionSource stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};

using LibOS os = LibOS.Create(LibOSKind.Catnap);
QDesc listener = os.Socket(AddressFamily.InterNetwork, SocketType.Stream);
try
{
    os.Bind(listener, new IPEndPoint(IPAddress.Loopback, port));
    os.Listen(listener, 128);
}
catch (DemiException e)
{
    Console.Error.WriteLine($"cannot listen on port {port}: {e.Message}");
    return 1;
}

Console.WriteLine($"echo server listening on {os.LocalEndPoint(listener)}; Ctrl-C stops.");
DemiTask serving = EchoHandlers.AcceptLoop(os, listener);
DemiTask stopping = WaitFor(stop.Task);
os.WaitAny([serving.Token, stopping.Token], out QResult _);
os.Abort(listener);
return 0;

// Not a handler: awaiting a Task needs the compatibility path (an ordinary async DemiTask method).
static async DemiTask WaitFor(Task task) => await task;
