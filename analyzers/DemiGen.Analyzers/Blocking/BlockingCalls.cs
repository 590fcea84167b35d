using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace DemiGen.Analyzers.Blocking;

/// <summary>
/// The calls that block the calling thread: a handler shares that thread with the libOS and every other
/// coroutine, so each of them stalls all connections. Keys are metadata names of the declaring type.
/// </summary>
internal static class BlockingCalls
{
    private static readonly Dictionary<string, HashSet<string>> MethodsByType = new()
    {
        ["System.Threading.Thread"] = new() { "Sleep", "Join" },
        ["System.Threading.Tasks.Task"] = new() { "Wait", "WaitAll", "WaitAny", "RunSynchronously" },
        ["System.Threading.Monitor"] = new() { "Enter", "TryEnter", "Wait" },
        ["System.Threading.SemaphoreSlim"] = new() { "Wait" },
        ["System.Threading.ManualResetEventSlim"] = new() { "Wait" },
        ["System.Threading.CountdownEvent"] = new() { "Wait" },
        ["System.Threading.Barrier"] = new() { "SignalAndWait" },
        ["System.Threading.WaitHandle"] = new() { "WaitOne", "WaitAll", "WaitAny", "SignalAndWait" },
        ["System.Threading.SpinWait"] = new() { "SpinUntil" },
        ["System.Net.Dns"] = new() { "GetHostEntry", "GetHostAddresses" },
        ["System.Net.Sockets.Socket"] = new() { "Send", "SendTo", "SendFile", "Receive", "ReceiveFrom", "ReceiveMessageFrom", "Accept", "Connect", "Disconnect", "Select" },
        ["DemiGen.LibOS"] = new() { "Wait", "WaitAny", "WaitNext" },
    };

    private static readonly HashSet<string> StreamMethods = new() { "Read", "Write", "ReadByte", "WriteByte", "Flush", "CopyTo", "ReadExactly", "ReadAtLeast" };

    private static readonly HashSet<string> ReaderWriterMethods = new() { "Read", "ReadLine", "ReadToEnd", "ReadBlock", "Peek", "Write", "WriteLine", "Flush" };

    /// <summary>A short name of the blocking call for the message, or null when <paramref name="method"/> does not block.</summary>
    public static string? Describe(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        var typeName = MetadataName(type);
        var name = method.Name;
        if (MethodsByType.TryGetValue(typeName, out var methods) && methods.Contains(name))
        {
            return type.Name + "." + name;
        }

        if (typeName == "System.IO.File" && !name.EndsWith("Async", System.StringComparison.Ordinal))
        {
            return "File." + name;
        }

        if (name == "GetResult" && type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices" && type.Name.Contains("Awaiter"))
        {
            return "GetAwaiter().GetResult()";
        }

        if (StreamMethods.Contains(name) && DerivesFrom(type, "System.IO.Stream"))
        {
            return type.Name + "." + name;
        }

        if (ReaderWriterMethods.Contains(name) &&
            (DerivesFrom(type, "System.IO.StreamReader") || DerivesFrom(type, "System.IO.StreamWriter") ||
             DerivesFrom(type, "System.IO.BinaryReader") || DerivesFrom(type, "System.IO.BinaryWriter")))
        {
            return type.Name + "." + name;
        }

        return null;
    }

    /// <summary>A blocking property read: <c>Task&lt;T&gt;.Result</c> and <c>ValueTask&lt;T&gt;.Result</c>.</summary>
    public static string? Describe(IPropertySymbol property)
    {
        var typeName = MetadataName(property.ContainingType.OriginalDefinition);
        return property.Name == "Result" && typeName is "System.Threading.Tasks.Task`1" or "System.Threading.Tasks.ValueTask`1"
            ? "Task.Result"
            : null;
    }

    private static bool DerivesFrom(INamedTypeSymbol type, string metadataName)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (MetadataName(t) == metadataName)
            {
                return true;
            }
        }

        return false;
    }

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;
}
