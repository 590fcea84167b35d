namespace DemiGen;

/// <summary>Constants and offsets of the PACKET_MMAP rings, TPACKET_V2 and TPACKET_V3 (linux/if_packet.h).</summary>
internal static class PacketMmap
{
    internal const int SOL_PACKET = 263;
    internal const int PACKET_ADD_MEMBERSHIP = 1;
    internal const int PACKET_RX_RING = 5;
    internal const int PACKET_VERSION = 10;
    internal const int PACKET_IGNORE_OUTGOING = 23;
    internal const int TPACKET_V2 = 1;
    internal const int TPACKET_V3 = 2;
    internal const int PACKET_MR_PROMISC = 1;
    internal const ushort ETH_P_ALL = 0x0003;
    internal const uint TP_STATUS_KERNEL = 0;
    internal const uint TP_STATUS_USER = 1;

    /// <summary>The frame's transport checksum is still to be computed (checksum offload from a local sender, e.g. a veth peer).</summary>
    internal const uint TP_STATUS_CSUMNOTREADY = 1 << 3;

    // struct tpacket_block_desc: version, offset_to_priv, then tpacket_hdr_v1.
    internal const int BlockStatusOffset = 8;
    internal const int BlockPacketCountOffset = 12;
    internal const int BlockFirstPacketOffset = 16;

    // struct tpacket2_hdr: tp_status, tp_len, tp_snaplen, tp_mac, …
    internal const int V2StatusOffset = 0;
    internal const int V2SnapLengthOffset = 8;
    internal const int V2MacOffset = 12;

    // struct tpacket3_hdr.
    internal const int PacketNextOffset = 0;
    internal const int PacketSnapLengthOffset = 12;
    internal const int PacketStatusOffset = 20;
    internal const int PacketMacOffset = 24;

    /// <summary>struct tpacket_req3 (its first four fields are struct tpacket_req, which TPACKET_V2 takes).</summary>
    internal struct Request
    {
        internal uint BlockSize;
        internal uint BlockCount;
        internal uint FrameSize;
        internal uint FrameCount;
        internal uint RetireBlockTimeoutMilliseconds;
        internal uint PrivateSize;
        internal uint FeatureRequestWord;
    }

    /// <summary>struct sockaddr_ll (20 bytes).</summary>
    internal unsafe struct LinkLayerAddress
    {
        internal ushort Family;
        internal ushort Protocol;
        internal int InterfaceIndex;
        internal ushort HardwareType;
        internal byte PacketType;
        internal byte AddressLength;
        internal fixed byte Address[8];
    }

    /// <summary>struct packet_mreq.</summary>
    internal unsafe struct MembershipRequest
    {
        internal int InterfaceIndex;
        internal ushort Type;
        internal ushort AddressLength;
        internal fixed byte Address[8];
    }
}
