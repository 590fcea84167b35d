namespace DemiGen;

/// <summary>What an awaited <see cref="WhenAnyOperation"/> yields: which operation completed first, and its result.</summary>
public readonly struct WhenAnyResult
{
    /// <summary>Creates a result.</summary>
    public WhenAnyResult(int index, QResult result)
    {
        Index = index;
        Result = result;
    }

    /// <summary>The position of the completed operation among the WhenAny's operations (0 for the first).</summary>
    public int Index { get; }

    /// <summary>The completed operation's result; its token is consumed (a pop's Sga now belongs to the app).</summary>
    public QResult Result { get; }

    /// <summary>Deconstructs into <see cref="Index"/> and <see cref="Result"/>.</summary>
    public void Deconstruct(out int index, out QResult result)
    {
        index = Index;
        result = Result;
    }

    /// <inheritdoc />
    public override string ToString() => $"#{Index}: {Result}";
}
