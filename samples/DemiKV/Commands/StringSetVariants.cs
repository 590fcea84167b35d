using DemiKV.Protocol;
using DemiKV.Server;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>
/// SET's older relatives: GETSET (replies with the old string, or nil, and stores the new one) and MSETNX (sets
/// every pair only if no key exists). Both drop any TTL, as SET does.
/// </summary>
internal static class StringSetVariants
{
    public static void GetSet(ClientSession client, Arguments args)
    {
        if (!TryReadString(client, args[1], out object? old))
        {
            return;
        }

        // The reply takes its own clone of a registered value, so the overwrite below cannot touch it.
        WriteString(client, old);
        client.Database.SetString(args[1], args[2]);
    }

    public static void MSetNx(ClientSession client, Arguments args)
    {
        if (args.Count % 2 == 0)
        {
            client.Writer.Error(ErrorReplies.Arity("msetnx"));
            return;
        }

        for (int i = 1; i < args.Count; i += 2)
        {
            if (client.Database.Exists(args[i], client.NowMs))
            {
                client.Writer.Integer(0);
                return;
            }
        }

        for (int i = 1; i < args.Count; i += 2)
        {
            client.Database.SetString(args[i], args[i + 1]);
        }

        client.Writer.Integer(1);
    }
}
