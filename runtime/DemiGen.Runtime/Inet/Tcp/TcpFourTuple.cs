namespace DemiGen.Inet.Tcp;

/// <summary>The key of a connection: local and remote IPv4 address and port.</summary>
internal readonly record struct TcpFourTuple(uint LocalAddress, ushort LocalPort, uint RemoteAddress, ushort RemotePort);
