using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>Set commands that read without changing the set: SRANDMEMBER and SMISMEMBER.</summary>
internal static class SetSampleCommands
{
    public static void SMIsMember(ClientSession client, Arguments args)
    {
        if (!TryRead(client, args[1], out DenseSet? set))
        {
            return;
        }

        client.Writer.ArrayHeader(args.Count - 2);
        for (int i = 2; i < args.Count; i++)
        {
            client.Writer.Integer(set is not null && set.Contains(args[i]) ? 1 : 0);
        }
    }

    /// <summary>
    /// SRANDMEMBER key [count]: one random member, or with a count that many distinct members (the whole set when
    /// the count reaches its size), or with a negative count -count members that may repeat.
    /// </summary>
    public static void SRandMember(ClientSession client, Arguments args)
    {
        if (args.Count > 3)
        {
            client.Writer.Error(ErrorReplies.Syntax);
            return;
        }

        if (args.Count == 2)
        {
            if (TryRead(client, args[1], out DenseSet? one))
            {
                if (one is null)
                {
                    client.Writer.NullBulk();
                }
                else
                {
                    client.Writer.Bulk(one[client.Store.Random.Next(one.Count)]);
                }
            }

            return;
        }

        if (!TryInteger(client, args[2], out long count))
        {
            return;
        }

        // Redis negates a negative count, so it refuses the one count it cannot negate.
        if (count == long.MinValue)
        {
            client.Writer.Error(ErrorReplies.CountOutOfRange);
            return;
        }

        // Unlike Redis, a repeating pick is bounded: a whole reply is buffered before it is sent, and -2^62 picks
        // would exhaust the server's memory for every client. The bound is the most arguments a request may carry.
        long maxRepeats = client.Store.Limits.MaxMultibulkCount;
        if (count < -maxRepeats)
        {
            client.Writer.Error($"ERR value is out of range, value must between -{maxRepeats} and {long.MaxValue}");
            return;
        }

        if (!TryRead(client, args[1], out DenseSet? set))
        {
            return;
        }

        if (set is null || count == 0)
        {
            client.Writer.ArrayHeader(0);
            return;
        }

        if (count < 0)
        {
            client.Writer.ArrayHeader(-count);
            for (long i = 0; i < -count; i++)
            {
                client.Writer.Bulk(set[client.Store.Random.Next(set.Count)]);
            }

            return;
        }

        WriteDistinct(client, set, (int)Math.Min(count, set.Count));
    }

    // Few members from a large set: random positions, a repeat drawn again (found among at most 64 picks kept on
    // the stack), so the cost follows the count rather than the set's size.
    private const int FewPicks = 64;

    // Many members, or most of the set: selection sampling (Knuth's algorithm S), each member taken with probability
    // wanted / left, which picks exactly `wanted` distinct members, every subset alike, in one pass and without
    // remembering what was taken.
    private static void WriteDistinct(ClientSession client, DenseSet set, int wanted)
    {
        client.Writer.ArrayHeader(wanted);
        if (wanted <= FewPicks && wanted * 4 <= set.Count)
        {
            Span<int> picked = stackalloc int[wanted];
            for (int n = 0; n < wanted;)
            {
                int position = client.Store.Random.Next(set.Count);
                if (!picked[..n].Contains(position))
                {
                    picked[n++] = position;
                    client.Writer.Bulk(set[position]);
                }
            }

            return;
        }

        int left = set.Count;
        foreach (ReadOnlySpan<byte> member in set)
        {
            if (wanted == 0)
            {
                break;
            }

            if (client.Store.Random.Next(left--) < wanted)
            {
                client.Writer.Bulk(member);
                wanted--;
            }
        }
    }
}
