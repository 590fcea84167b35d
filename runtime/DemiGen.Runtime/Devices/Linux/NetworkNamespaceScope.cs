namespace DemiGen;

/// <summary>
/// Moves the calling thread into a named network namespace (/var/run/netns/NAME, as made by <c>ip netns add</c>) and
/// back on dispose. Sockets and TAP devices opened meanwhile belong to that namespace for their whole life.
/// </summary>
internal readonly struct NetworkNamespaceScope : IDisposable
{
    private readonly int original;

    private NetworkNamespaceScope(int original) => this.original = original;

    /// <summary>Enters <paramref name="name"/>; null or empty stays in the current namespace.</summary>
    internal static NetworkNamespaceScope Enter(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return new NetworkNamespaceScope(-1);
        }

        if (name.Contains('/') || name is "." or "..")
        {
            throw new DemiException(DemiError.EINVAL, $"Network namespace name '{name}' must be a plain name under /var/run/netns.");
        }

        int original = LinuxNative.Open("/proc/thread-self/ns/net", LinuxNative.O_RDONLY | LinuxNative.O_CLOEXEC);
        if (original < 0)
        {
            throw LinuxNative.Failure("open(/proc/thread-self/ns/net)");
        }

        int target = LinuxNative.Open($"/var/run/netns/{name}", LinuxNative.O_RDONLY | LinuxNative.O_CLOEXEC);
        if (target < 0)
        {
            DemiException failure = LinuxNative.Failure($"open(/var/run/netns/{name})");
            LinuxNative.Close(original);
            throw failure;
        }

        int entered = LinuxNative.SetNs(target, LinuxNative.CLONE_NEWNET);
        DemiException? setnsFailure = entered < 0 ? LinuxNative.Failure($"setns(network namespace {name})") : null;
        LinuxNative.Close(target);
        if (setnsFailure is not null)
        {
            LinuxNative.Close(original);
            throw setnsFailure;
        }

        return new NetworkNamespaceScope(original);
    }

    /// <summary>Returns the thread to the namespace it came from.</summary>
    public void Dispose()
    {
        if (original < 0)
        {
            return;
        }

        int back = LinuxNative.SetNs(original, LinuxNative.CLONE_NEWNET);
        LinuxNative.Close(original);
        if (back < 0)
        {
            throw new InvalidOperationException($"Could not return the thread to its network namespace (errno {LinuxNative.LastError}).");
        }
    }
}
