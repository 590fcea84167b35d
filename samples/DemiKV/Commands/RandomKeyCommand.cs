using DemiKV.Protocol;
using DemiKV.Server;

namespace DemiKV.Commands;

/// <summary>RANDOMKEY: a live key picked at random, or nil when the database is empty.</summary>
internal static class RandomKeyCommand
{
    public static void RandomKey(ClientSession client, Arguments args)
    {
        ReadOnlySpan<byte> key = client.Database.RandomKey(client.NowMs, client.Store.Random);
        if (client.Database.Count == 0)
        {
            client.Writer.NullBulk();
        }
        else
        {
            client.Writer.Bulk(key);
        }
    }
}
