using System;

namespace DemiGen.Analyzers.Ownership;

/// <summary>
/// The lattice of one tracked object: a set of the concrete states it may be in (one bit each); the join of two
/// paths is the union. A single bit is a definite state, several bits are the "maybe" joins.
/// </summary>
[Flags]
internal enum ObjectBits : byte
{
    None = 0,

    /// <summary>Buffer: usable; if the site gave ownership, it must still be freed or handed on.</summary>
    Live = 1,

    /// <summary>Buffer: lent to a pending push (see the object's loans).</summary>
    Lent = 2,

    /// <summary>Buffer: freed.</summary>
    Freed = 4,

    /// <summary>Buffer: handed on (returned, given to a [TakesOwnership] parameter, stored elsewhere).</summary>
    Moved = 8,

    /// <summary>Buffer: known empty (a pop that found the peer closed or failed): it owns nothing.</summary>
    Empty = 16,

    /// <summary>Token: not yet waited or awaited.</summary>
    Pending = 32,

    /// <summary>Token: waited or awaited (consumed).</summary>
    Consumed = 64,

    /// <summary>Token: handed to code we do not see (no more checks).</summary>
    Escaped = 128,
}
