namespace DemiGen;

/// <summary>Where an Sga descriptor is in its life.</summary>
internal enum SgaState : byte
{
    Free,
    Owned,
    Lent,
    FreePending,
}
