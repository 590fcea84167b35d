using System.Collections.Generic;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// The ownership contract of every DemiGen API, written once. Keys are member names of <c>DemiGen.LibOS</c>.
/// Push lends, pop gives (when its token completes), alloc and clone give (a clone is a handle of its own), free ends, wait ends a loan.
/// Parameters marked <c>[TakesOwnership]</c> take the Sga; every other Sga parameter borrows it.
/// </summary>
internal static class OwnershipContract
{
    private static readonly Dictionary<string, ApiEffect> LibOSMembers = new()
    {
        ["SgaAlloc"] = ApiEffect.Gives,
        ["SgaClone"] = ApiEffect.Gives,
        ["SgaFree"] = ApiEffect.Frees,
        ["Push"] = ApiEffect.Lends,
        ["PushAsync"] = ApiEffect.Lends,
        ["PushTo"] = ApiEffect.Lends,
        ["PushToAsync"] = ApiEffect.Lends,
        ["Pop"] = ApiEffect.PopsIntoOwned,
        ["PopAsync"] = ApiEffect.PopsIntoOwned,
        ["Accept"] = ApiEffect.StartsIo,
        ["AcceptAsync"] = ApiEffect.StartsIo,
        ["Connect"] = ApiEffect.StartsIo,
        ["ConnectAsync"] = ApiEffect.StartsIo,
        ["Close"] = ApiEffect.StartsIo,
        ["CloseAsync"] = ApiEffect.StartsIo,
        ["DelayAsync"] = ApiEffect.StartsIo,
        ["Wait"] = ApiEffect.WaitsOne,
        ["WaitAny"] = ApiEffect.WaitsMany,
        ["WaitNext"] = ApiEffect.WaitsMany,
        ["WhenAnyAsync"] = ApiEffect.Races,
        ["Spawn"] = ApiEffect.Detaches,
        ["CancelDelay"] = ApiEffect.Detaches,
    };

    /// <summary>The names worth a flow analysis: a method body mentioning none of them skips it (the cheap pre-check).</summary>
    public static readonly HashSet<string> InterestingIdentifiers = new(LibOSMembers.Keys)
    {
        "LibOS", "Sga", "QToken", "QResult", "DemiOperation", "WhenAnyOperation", "DemiTask", "StartCoroutine", "GetResult",
    };

    /// <summary>The effect of calling the LibOS member <paramref name="name"/>.</summary>
    public static ApiEffect EffectOf(string name) => LibOSMembers.TryGetValue(name, out var effect) ? effect : ApiEffect.None;
}
