using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DemiKV.Tests.Support;

/// <summary>A raw RESP2 client over a kernel socket: sends bytes, reads back whole replies as their exact text.</summary>
internal sealed class RespConnection : IDisposable
{
    private readonly Socket socket;
    private readonly byte[] buffer = new byte[64 * 1024];
    private readonly StringBuilder pending = new();

    public RespConnection(IPEndPoint endPoint)
    {
        socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 5000 };
        socket.Connect(endPoint);
    }

    public static void WaitUntilServing(IPEndPoint endPoint, TimeSpan patience)
    {
        DateTime deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                using RespConnection probe = new(endPoint);
                if (probe.Call("PING") == "+PONG\r\n")
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>Sends one command and returns its reply.</summary>
    public string Call(params string[] parts)
    {
        Send(Resp.Encode(parts));
        return ReadReply();
    }

    public void Send(string text) => socket.Send(Encoding.Latin1.GetBytes(text));

    /// <summary>Reads one complete reply.</summary>
    public string ReadReply()
    {
        while (true)
        {
            int length = ReplyLength(pending.ToString(), 0);
            if (length > 0)
            {
                string reply = pending.ToString(0, length);
                pending.Remove(0, length);
                return reply;
            }

            int n = socket.Receive(buffer);
            if (n == 0)
            {
                throw new IOException($"the server closed the connection; unread: '{pending}'");
            }

            pending.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
    }

    /// <summary>True once the server has closed the connection (reads until end of stream).</summary>
    public bool ServerClosed()
    {
        try
        {
            return socket.Receive(buffer) == 0;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
    }

    public void Dispose() => socket.Dispose();

    // Length of the complete RESP2 value at start, or 0 if it is not all here.
    private static int ReplyLength(string text, int start)
    {
        int lineEnd = text.IndexOf("\r\n", start, StringComparison.Ordinal);
        if (lineEnd < 0)
        {
            return 0;
        }

        int after = lineEnd + 2;
        switch (text[start])
        {
            case '$':
                int size = int.Parse(text.AsSpan(start + 1, lineEnd - start - 1), provider: System.Globalization.CultureInfo.InvariantCulture);
                return size < 0 ? after - start : text.Length >= after + size + 2 ? after + size + 2 - start : 0;
            case '*':
                int count = int.Parse(text.AsSpan(start + 1, lineEnd - start - 1), provider: System.Globalization.CultureInfo.InvariantCulture);
                int position = after;
                for (int i = 0; i < count; i++)
                {
                    int element = ReplyLength(text, position);
                    if (element == 0)
                    {
                        return 0;
                    }

                    position += element;
                }

                return position - start;
            default:
                return after - start;
        }
    }
}
