using System;
using System.Collections.Immutable;

namespace DemiGen.Analyzers.Ownership;

/// <summary>One tracked object's possible states and, for a buffer, the tokens of the pushes it may be lent to.</summary>
internal readonly struct ObjectState : IEquatable<ObjectState>
{
    public ObjectState(ObjectBits bits, ImmutableHashSet<int> loans)
    {
        Bits = bits;
        Loans = loans;
    }

    public ObjectBits Bits { get; }

    public ImmutableHashSet<int> Loans { get; }

    public ObjectState With(ObjectBits bits) => new(bits, Loans);

    public ObjectState Join(ObjectState other) => new(Bits | other.Bits, Loans.Union(other.Loans));

    public bool Equals(ObjectState other) => Bits == other.Bits && Loans.SetEquals(other.Loans);

    public override bool Equals(object? obj) => obj is ObjectState other && Equals(other);

    public override int GetHashCode() => (int)Bits;
}
