namespace DemiGen;

/// <summary>IPv4-to-MAC mappings: learned ones expire after a lifetime, static ones (from the options) never do and are never overwritten.</summary>
internal sealed class ArpCache
{
    private readonly Dictionary<Ipv4Address, Entry> entries = [];
    private readonly long lifetime;

    internal ArpCache(long lifetimeNanoseconds) => lifetime = lifetimeNanoseconds;

    internal int Count => entries.Count;

    internal void AddStatic(Ipv4Address address, MacAddress mac) => entries[address] = new Entry(mac, long.MaxValue, IsStatic: true);

    /// <summary>Learns or refreshes a mapping; false if a static entry keeps the address.</summary>
    internal bool Learn(Ipv4Address address, MacAddress mac, long now)
    {
        if (entries.TryGetValue(address, out Entry existing) && existing.IsStatic)
        {
            return false;
        }

        entries[address] = new Entry(mac, now + lifetime, IsStatic: false);
        return true;
    }

    internal bool Contains(Ipv4Address address, long now) => TryGet(address, now, out _);

    internal bool TryGet(Ipv4Address address, long now, out MacAddress mac)
    {
        if (entries.TryGetValue(address, out Entry entry))
        {
            if (entry.ExpiresAt > now)
            {
                mac = entry.Mac;
                return true;
            }

            entries.Remove(address);
        }

        mac = default;
        return false;
    }

    private readonly record struct Entry(MacAddress Mac, long ExpiresAt, bool IsStatic);
}
