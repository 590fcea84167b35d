using DemiKV.Protocol;
using DemiKV.Server;

namespace DemiKV.Commands;

/// <summary>RENAME and RENAMENX: the value moves to the new name with its TTL; a missing source is "no such key".</summary>
internal static class RenameCommands
{
    public static void Rename(ClientSession client, Arguments args)
    {
        if (client.Database.Rename(args[1], args[2], client.NowMs))
        {
            client.Writer.Ok();
        }
        else
        {
            client.Writer.Error(ErrorReplies.NoSuchKey);
        }
    }

    public static void RenameNx(ClientSession client, Arguments args)
    {
        if (!client.Database.Exists(args[1], client.NowMs))
        {
            client.Writer.Error(ErrorReplies.NoSuchKey);
            return;
        }

        // Redis answers 0 when the new name is taken, the source's own name included.
        if (client.Database.Exists(args[2], client.NowMs))
        {
            client.Writer.Integer(0);
            return;
        }

        client.Database.Rename(args[1], args[2], client.NowMs);
        client.Writer.Integer(1);
    }
}
