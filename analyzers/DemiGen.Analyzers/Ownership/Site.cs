using Microsoft.CodeAnalysis;

namespace DemiGen.Analyzers.Ownership;

/// <summary>Where tracked objects come from: a call that gives a buffer or starts an I/O, or an Sga parameter.</summary>
internal sealed class Site
{
    public Site(int index, Location location, bool isToken, bool obligated, bool popGivesBuffer)
    {
        Index = index;
        Location = location;
        IsToken = isToken;
        Obligated = obligated;
        PopGivesBuffer = popGivesBuffer;
    }

    public int Index { get; }

    /// <summary>Where a leak or a lost token is reported.</summary>
    public Location Location { get; }

    public bool IsToken { get; }

    /// <summary>For a buffer: the method owns it and must free it or hand it on.</summary>
    public bool Obligated { get; }

    /// <summary>For a token: consuming it gives an owned buffer (a pop).</summary>
    public bool PopGivesBuffer { get; }
}

/// <summary>
/// Object ids: each site has four slots — the newest object it made, a summary of older ones (so a loop's next
/// allocation does not overwrite the previous one's state), and the same two for the buffer a pop token gives.
/// </summary>
internal static class ObjectId
{
    public const int Fresh = 0;
    public const int Older = 1;
    public const int PoppedFresh = 2;
    public const int PoppedOlder = 3;

    public static int Of(int siteIndex, int slot) => siteIndex * 4 + slot;

    public static int SiteOf(int id) => id / 4;

    public static int SlotOf(int id) => id % 4;

    public static bool IsToken(int id, Site site) => site.IsToken && SlotOf(id) < PoppedFresh;
}
