namespace DemiGen;

/// <summary>A synchronous setup call (<c>Socket</c>, <c>Bind</c>, <c>Listen</c>) failed, or a queue does not support an operation.</summary>
public sealed class DemiException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public DemiException(DemiError error, string message) : base($"{error}: {message}") => Error = error;

    /// <summary>The errno-style reason.</summary>
    public DemiError Error { get; }
}

/// <summary>The caller broke the API's contract: unknown or closed QDesc, stale or double-freed Sga, a token waited twice, a call from the wrong thread.</summary>
public sealed class DemiUsageException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public DemiUsageException(string message) : base(message)
    {
    }
}
