using System.Net;

namespace DemiGen;

/// <summary>A push waiting for room in the socket's send buffer; <see cref="Total"/> is read while the app's handle was still valid.</summary>
internal readonly record struct PendingPush(QToken Token, Sga Sga, int Total, IPEndPoint? Destination);
