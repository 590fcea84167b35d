using System.Text;
using DemiKV.Protocol;
using DemiKV.Server;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>Connection commands: PING, ECHO, QUIT, SELECT, HELLO, CLIENT.</summary>
internal static class ConnectionCommands
{
    public static void Ping(ClientSession client, Arguments args)
    {
        if (args.Count > 2)
        {
            client.Writer.Error(ErrorReplies.Arity("ping"));
        }
        else if (args.Count == 2)
        {
            client.Writer.Bulk(args[1]);
        }
        else
        {
            client.Writer.SimpleString("PONG"u8);
        }
    }

    public static void Echo(ClientSession client, Arguments args) => client.Writer.Bulk(args[1]);

    public static void Quit(ClientSession client, Arguments args)
    {
        client.Writer.Ok();
        client.CloseRequested = true;
    }

    public static void Select(ClientSession client, Arguments args)
    {
        if (!RespNumber.TryParseInt64(args[1], out long index) || index is < int.MinValue or > int.MaxValue)
        {
            client.Writer.Error(ErrorReplies.NotInteger);
            return;
        }

        if (index < 0 || index >= KvStore.DatabaseCount)
        {
            client.Writer.Error(ErrorReplies.DbOutOfRange);
            return;
        }

        client.DatabaseIndex = (int)index;
        client.Writer.Ok();
    }

    public static void Hello(ClientSession client, Arguments args)
    {
        int next = 1;
        if (args.Count >= 2)
        {
            if (!RespNumber.TryParseInt64(args[1], out long version))
            {
                client.Writer.Error("ERR Protocol version is not an integer or out of range");
                return;
            }

            // Only RESP2 is spoken; HELLO 3 is refused as a server without RESP3 refuses it.
            if (version != 2)
            {
                client.Writer.Error("NOPROTO unsupported protocol version");
                return;
            }

            next = 2;
        }

        for (; next < args.Count; next++)
        {
            if (Is(args[next], "SETNAME") && args.Count - next >= 2)
            {
                if (!ClientCommands.TrySetName(client, args[++next]))
                {
                    return;
                }
            }
            else if (Is(args[next], "AUTH") && args.Count - next >= 3)
            {
                client.Writer.Error("WRONGPASS invalid username-password pair or user is disabled.");
                return;
            }
            else
            {
                client.Writer.Error("ERR Syntax error in HELLO option '" + Encoding.Latin1.GetString(args[next]) + "'");
                return;
            }
        }

        client.Writer.ArrayHeader(14);
        client.Writer.Bulk("server"u8);
        client.Writer.Bulk("redis"u8);
        client.Writer.Bulk("version"u8);
        client.Writer.Bulk(ServerInfo.RedisVersion);
        client.Writer.Bulk("proto"u8);
        client.Writer.Integer(2);
        client.Writer.Bulk("id"u8);
        client.Writer.Integer(client.Id);
        client.Writer.Bulk("mode"u8);
        client.Writer.Bulk("standalone"u8);
        client.Writer.Bulk("role"u8);
        client.Writer.Bulk("master"u8);
        client.Writer.Bulk("modules"u8);
        client.Writer.ArrayHeader(0);
    }
}
