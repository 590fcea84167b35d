namespace DemiGen;

/// <summary>The PACKET_MMAP receive ring of an AF_PACKET Catnip device.</summary>
public enum PacketRingVersion
{
    /// <summary>
    /// TPACKET_V3: the kernel fills variable-size frames into 64 KiB blocks and hands over a block when it is full or
    /// 1 ms old. Best for throughput; a lone frame on a quiet link waits up to 1 ms.
    /// </summary>
    TpacketV3,

    /// <summary>TPACKET_V2: one fixed 2 KiB slot per frame, handed over at once. Best for request/response latency.</summary>
    TpacketV2,
}
