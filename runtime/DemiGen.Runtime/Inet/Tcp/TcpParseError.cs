namespace DemiGen.Inet.Tcp;

/// <summary>Why a received TCP segment could not be parsed.</summary>
internal enum TcpParseError
{
    None,
    /// <summary>Shorter than the 20-byte fixed header.</summary>
    TooShort,
    /// <summary>The data offset is below 5 words or past the end of the segment.</summary>
    BadDataOffset,
    /// <summary>An option's length byte is missing, below 2, or runs past the header.</summary>
    BadOption,
}
