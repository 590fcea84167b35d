using System.Buffers.Binary;

namespace DemiGen;

/// <summary>
/// ICMP (RFC 792) as a host needs it: an echo request to our address gets an echo reply with the same identifier,
/// sequence number and data. Other messages are counted and ignored; echo requests to a broadcast address are ignored
/// (RFC 1122 §3.2.2.6 allows it, and it avoids amplification).
/// </summary>
internal sealed class IcmpLayer : IIpProtocolHandler
{
    internal const int HeaderLength = 8;
    internal const byte EchoReply = 0;
    internal const byte EchoRequest = 8;

    private readonly Ipv4Layer ipv4;

    internal IcmpLayer(Ipv4Layer ipv4) => this.ipv4 = ipv4;

    internal IcmpCounters Counters { get; } = new();

    public long NextDeadlineNanoseconds => long.MaxValue;

    public void OnTimer(long nowNanoseconds)
    {
    }

    public void Receive(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        Counters.Received++;
        if (payload.Length < HeaderLength)
        {
            Counters.DroppedTruncated++;
            return;
        }

        if (InternetChecksum.Compute(payload) != 0)
        {
            Counters.DroppedBadChecksum++;
            return;
        }

        if (payload[0] != EchoRequest || payload[1] != 0 || destination != ipv4.LocalAddress)
        {
            Counters.Ignored++;
            return;
        }

        Counters.EchoRequestsReceived++;
        if (payload.Length > ipv4.MaxPayload)
        {
            Counters.Ignored++;
            return;
        }

        Span<byte> reply = ipv4.BeginSend()[..payload.Length];
        payload.CopyTo(reply);
        reply[0] = EchoReply;
        reply[2] = 0;
        reply[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(reply[2..], InternetChecksum.Compute(reply));
        if (ipv4.CommitSend(source, IpProtocol.Icmp, reply.Length) is Ipv4SendResult.Sent or Ipv4SendResult.AwaitingArp)
        {
            Counters.EchoRepliesSent++;
        }
    }
}
