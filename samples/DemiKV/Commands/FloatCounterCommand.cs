using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>
/// INCRBYFLOAT: adds in long double precision, as Redis does, and stores and replies with the sum printed as Redis
/// prints it (see <see cref="ExtendedFloat"/>). The key keeps its TTL. This is Redis's slow path too: the exact
/// arithmetic works on big integers, so each call allocates.
/// </summary>
internal static class FloatCounterCommand
{
    public static void IncrByFloat(ClientSession client, Arguments args)
    {
        // Redis checks the key's type, then the stored number, then the increment.
        if (!TryGetString(client, args[1], out object? stored))
        {
            return;
        }

        ExtendedFloat current = default;
        if (stored is not null)
        {
            byte[] text = new byte[StringValue.Length(stored)];
            StringValue.CopyTo(stored, text);
            if (!ExtendedFloat.TryParse(text, out current))
            {
                client.Writer.Error(ErrorReplies.NotFloat);
                return;
            }
        }

        if (!ExtendedFloat.TryParse(args[2], out ExtendedFloat increment))
        {
            client.Writer.Error(ErrorReplies.NotFloat);
            return;
        }

        ExtendedFloat? sum = ExtendedFloat.Add(current, increment);
        if (sum is not { IsInfinity: false } result)
        {
            client.Writer.Error(ErrorReplies.NanOrInfinity);
            return;
        }

        byte[] printed = System.Text.Encoding.ASCII.GetBytes(result.ToString());
        client.Database.SetStringKeepTtl(args[1], printed);
        client.Writer.Bulk(printed);
    }
}
