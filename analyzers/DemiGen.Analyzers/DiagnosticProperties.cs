namespace DemiGen.Analyzers;

/// <summary>Keys of the properties analyzers attach to diagnostics for the code fixes.</summary>
public static class DiagnosticProperties
{
    /// <summary>DEMI001: the local holding the token of the push the buffer is lent to.</summary>
    public const string TokenVariable = "TokenVariable";

    /// <summary>DEMI005: present when the blocking call is a sleep that <c>await os.DelayAsync(..)</c> can replace.</summary>
    public const string Delay = "Delay";
}
