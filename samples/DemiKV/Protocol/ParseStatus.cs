namespace DemiKV.Protocol;

/// <summary>What one call of <see cref="RespParser.Parse"/> found.</summary>
public enum ParseStatus
{
    /// <summary>A whole request: its arguments are ready and its bytes consumed.</summary>
    Command,

    /// <summary>An empty request (a blank inline line or a multibulk of count 0 or less): consumed, nothing to run.</summary>
    Empty,

    /// <summary>The request is not all here yet: call again with the same bytes plus more.</summary>
    Incomplete,

    /// <summary>Malformed or over a limit: reply with <see cref="RespParser.ErrorMessage"/> and close the connection.</summary>
    ProtocolError,
}
