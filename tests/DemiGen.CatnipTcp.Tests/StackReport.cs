using DemiGen.Inet.Tcp;

namespace DemiGen.CatnipTcp.Tests;

/// <summary>Every counter of a Catnip stack, TCP's included, in one line for failure messages.</summary>
internal static class StackReport
{
    internal static string Of(CatnipLibOS os)
    {
        TcpStats s = os.Tcp.Engine.Stats;
        return $"{os.CountersReport}; tcp: rx {s.SegmentsReceived} tx {s.SegmentsSent} retx {s.Retransmissions} (fast {s.FastRetransmits}, rto {s.RetransmitTimeouts}) " +
            $"zwp {s.ZeroWindowProbes} ooo {s.OutOfOrderSegments} rst tx/rx {s.ResetsSent}/{s.ResetsReceived} drops: malformed {s.DroppedMalformed} " +
            $"checksum {s.DroppedBadChecksum} no-conn {s.DroppedNoConnection} backlog {s.DroppedBacklogFull} paws {s.DroppedPaws} " +
            $"window {s.DroppedOutOfWindow} reassembly {s.DroppedNoReassemblySpace}; ip send failures {os.Tcp.SendFailures}";
    }
}
