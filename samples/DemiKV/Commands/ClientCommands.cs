using System.Text;
using DemiKV.Protocol;
using DemiKV.Server;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>CLIENT ID, SETNAME, GETNAME, SETINFO (what client libraries send on connect), INFO.</summary>
internal static class ClientCommands
{
    public static void Client(ClientSession client, Arguments args)
    {
        ReadOnlySpan<byte> sub = args[1];
        if (Is(sub, "ID") && args.Count == 2)
        {
            client.Writer.Integer(client.Id);
        }
        else if (Is(sub, "GETNAME") && args.Count == 2)
        {
            if (client.Name is null)
            {
                client.Writer.NullBulk();
            }
            else
            {
                client.Writer.Bulk(client.Name);
            }
        }
        else if (Is(sub, "SETNAME") && args.Count == 3)
        {
            if (TrySetName(client, args[2]))
            {
                client.Writer.Ok();
            }
        }
        else if (Is(sub, "SETINFO") && args.Count == 4)
        {
            if (Is(args[2], "LIB-NAME") || Is(args[2], "LIB-VER"))
            {
                client.Writer.Ok();
            }
            else
            {
                client.Writer.Error("ERR Unrecognized option '" + Encoding.Latin1.GetString(args[2]) + "'");
            }
        }
        else if (Is(sub, "INFO") && args.Count == 2)
        {
            client.Writer.Bulk($"id={client.Id} name={client.Name} db={client.DatabaseIndex} cmd=client|info\n");
        }
        else if (Is(sub, "ID") || Is(sub, "GETNAME") || Is(sub, "SETNAME") || Is(sub, "SETINFO") || Is(sub, "INFO"))
        {
            client.Writer.Error(ErrorReplies.Arity("client|" + Encoding.Latin1.GetString(sub).ToLowerInvariant()));
        }
        else
        {
            client.Writer.Error(ErrorReplies.UnknownSubcommand(Encoding.Latin1.GetString(sub), "client"));
        }
    }

    /// <summary>Sets the client's name; Redis refuses names with spaces, newlines or other non-printable bytes.</summary>
    internal static bool TrySetName(ClientSession client, ReadOnlySpan<byte> name)
    {
        foreach (byte b in name)
        {
            if (b is < (byte)'!' or > (byte)'~')
            {
                client.Writer.Error("ERR Client names cannot contain spaces, newlines or special characters.");
                return false;
            }
        }

        client.Name = name.IsEmpty ? null : Encoding.ASCII.GetString(name);
        return true;
    }
}
