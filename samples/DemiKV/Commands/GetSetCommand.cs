using DemiKV.Protocol;
using DemiKV.Server;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>GETSET: replies with the old string (or nil) and stores the new one, dropping any TTL, as SET does.</summary>
internal static class GetSetCommand
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
}
