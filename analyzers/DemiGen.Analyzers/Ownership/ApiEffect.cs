namespace DemiGen.Analyzers.Ownership;

/// <summary>What a DemiGen call does to the buffers and tokens it touches (see <see cref="OwnershipContract"/>).</summary>
internal enum ApiEffect
{
    /// <summary>Not a DemiGen ownership call: Sga arguments are borrowed, token arguments escape.</summary>
    None,

    /// <summary>Returns a new Sga the caller owns (SgaAlloc, SgaClone).</summary>
    Gives,

    /// <summary>Ends the Sga argument's life (SgaFree).</summary>
    Frees,

    /// <summary>Lends the Sga argument until the returned token completes (Push, PushTo and their awaitables).</summary>
    Lends,

    /// <summary>Returns a token whose completion gives the caller an owned Sga (Pop, PopAsync).</summary>
    PopsIntoOwned,

    /// <summary>Returns a token that must be waited or awaited once (Accept, Connect, Close, DelayAsync, ...).</summary>
    StartsIo,

    /// <summary>Consumes the token argument: the operation has completed (Wait).</summary>
    WaitsOne,

    /// <summary>Completes some of the token arguments (WaitAny) or of all pending ones (WaitNext).</summary>
    WaitsMany,

    /// <summary>
    /// Races its operations (WhenAnyAsync): which one completes is known only at run time, so they are no longer
    /// checked; the returned WhenAny is a token that must be awaited once.
    /// </summary>
    Races,

    /// <summary>Detaches a task: it runs on without an awaiter (Spawn); gives up a delay (CancelDelay).</summary>
    Detaches,
}
