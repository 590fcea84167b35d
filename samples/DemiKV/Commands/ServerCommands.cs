using System.Text;
using DemiKV.Protocol;
using DemiKV.Server;
using DemiKV.Storage;
using static DemiKV.Commands.TypedLookup;

namespace DemiKV.Commands;

/// <summary>Server commands: DBSIZE, FLUSHDB, FLUSHALL, INFO, CONFIG GET, COMMAND.</summary>
internal static class ServerCommands
{
    public static void DbSize(ClientSession client, Arguments args) => client.Writer.Integer(client.Database.Count);

    public static void FlushDb(ClientSession client, Arguments args)
    {
        if (TryFlushMode(client, args))
        {
            client.Database.Clear();
            client.Writer.Ok();
        }
    }

    public static void FlushAll(ClientSession client, Arguments args)
    {
        if (!TryFlushMode(client, args))
        {
            return;
        }

        for (int i = 0; i < KvStore.DatabaseCount; i++)
        {
            client.Store[i].Clear();
        }

        client.Writer.Ok();
    }

    public static void Info(ClientSession client, Arguments args)
    {
        List<string> sections = [];
        for (int i = 1; i < args.Count; i++)
        {
            sections.Add(Encoding.Latin1.GetString(args[i]).ToLowerInvariant());
        }

        client.Writer.Bulk(ServerInfo.Build(client, sections));
    }

    public static void Config(ClientSession client, Arguments args)
    {
        ReadOnlySpan<byte> sub = args[1];
        if (!Is(sub, "GET"))
        {
            client.Writer.Error(ErrorReplies.UnknownSubcommand(Encoding.Latin1.GetString(sub), "config"));
            return;
        }

        if (args.Count < 3)
        {
            client.Writer.Error(ErrorReplies.Arity("config|get"));
            return;
        }

        List<(string Name, string Value)> matches = [];
        for (int i = 2; i < args.Count; i++)
        {
            foreach ((string name, string value) in Parameters(client.Store))
            {
                if (GlobPattern.IsMatch(ToLower(args[i]), Encoding.ASCII.GetBytes(name)) && !matches.Exists(m => m.Name == name))
                {
                    matches.Add((name, value));
                }
            }
        }

        client.Writer.ArrayHeader(matches.Count * 2L);
        foreach ((string name, string value) in matches)
        {
            client.Writer.Bulk(name);
            client.Writer.Bulk(value);
        }
    }

    public static void Command(ClientSession client, Arguments args)
    {
        if (args.Count == 1)
        {
            client.Writer.ArrayHeader(CommandTable.All.Count);
            foreach (CommandSpec spec in CommandTable.All)
            {
                WriteCommandInfo(client, spec);
            }

            return;
        }

        ReadOnlySpan<byte> sub = args[1];
        if (Is(sub, "COUNT") && args.Count == 2)
        {
            client.Writer.Integer(CommandTable.All.Count);
        }
        else if (Is(sub, "INFO"))
        {
            client.Writer.ArrayHeader(args.Count - 2);
            for (int i = 2; i < args.Count; i++)
            {
                if (CommandTable.Find(args[i]) is { } spec)
                {
                    WriteCommandInfo(client, spec);
                }
                else
                {
                    client.Writer.NullArray();
                }
            }
        }
        else if (Is(sub, "DOCS"))
        {
            // No documentation is served; an empty reply tells redis-cli to fall back to its built-in hints.
            client.Writer.ArrayHeader(0);
        }
        else if (Is(sub, "LIST") && args.Count == 2)
        {
            client.Writer.ArrayHeader(CommandTable.All.Count);
            foreach (CommandSpec spec in CommandTable.All)
            {
                client.Writer.Bulk(spec.Name);
            }
        }
        else
        {
            client.Writer.Error(ErrorReplies.UnknownSubcommand(Encoding.Latin1.GetString(sub), "command"));
        }
    }

    private static void WriteCommandInfo(ClientSession client, CommandSpec spec)
    {
        ReplyWriter w = client.Writer;
        w.ArrayHeader(10);
        w.Bulk(spec.Name);
        w.Integer(spec.Arity);
        w.ArrayHeader(spec.Flags.Length);
        foreach (string flag in spec.Flags)
        {
            w.SimpleString(Encoding.ASCII.GetBytes(flag));
        }

        w.Integer(spec.FirstKey);
        w.Integer(spec.LastKey);
        w.Integer(spec.Step);
        w.ArrayHeader(0);
        w.ArrayHeader(0);
        w.ArrayHeader(0);
        w.ArrayHeader(0);
    }

    private static bool TryFlushMode(ClientSession client, Arguments args)
    {
        if (args.Count == 1 || (args.Count == 2 && (Is(args[1], "ASYNC") || Is(args[1], "SYNC"))))
        {
            return true;
        }

        client.Writer.Error(ErrorReplies.Syntax);
        return false;
    }

    private static byte[] ToLower(ReadOnlySpan<byte> text)
    {
        byte[] lower = text.ToArray();
        for (int i = 0; i < lower.Length; i++)
        {
            if (lower[i] is >= (byte)'A' and <= (byte)'Z')
            {
                lower[i] |= 0x20;
            }
        }

        return lower;
    }

    private static IEnumerable<(string Name, string Value)> Parameters(KvStore store)
    {
        yield return ("databases", KvStore.DatabaseCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("port", store.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("maxmemory", "0");
        yield return ("maxmemory-policy", "noeviction");
        yield return ("maxclients", "10000");
        yield return ("timeout", "0");
        yield return ("save", string.Empty);
        yield return ("appendonly", "no");
        yield return ("slave-read-only", "yes");
        yield return ("replica-read-only", "yes");
        yield return ("proto-max-bulk-len", store.Limits.MaxBulkLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("hz", "10");
    }
}
