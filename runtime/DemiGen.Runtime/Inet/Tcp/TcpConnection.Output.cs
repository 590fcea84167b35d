namespace DemiGen.Inet.Tcp;

/// <summary>Sending: segment building, the send loop under window and cwnd, ACKs, window advertisement.</summary>
internal sealed partial class TcpConnection
{
    private SeqNumber DataEnd => sendBufferSeq + sendBuffer.Count;

    private bool FinSent => finQueued && sndMax > DataEnd;

    private int SackOptionBytes => sackOk && reassembly.Count > 0 ? 4 + (8 * Math.Min(reassembly.Count, MaxSackBlocksToSend)) : 0;

    private int MaxSackBlocksToSend => timestampsOk ? 3 : TcpOptions.MaxSackBlocks;

    /// <summary>Sends what the windows allow, then a bare ACK if one is owed and nothing carried it.</summary>
    private void Output()
    {
        if (State is TcpState.Closed or TcpState.Listen or TcpState.SynSent or TcpState.SynReceived)
        {
            return;
        }

        SendData();
        if (ackNow)
        {
            SendAck();
        }
        else if (unackedSegments > 0 && DelayedAckDeadline == long.MaxValue)
        {
            DelayedAckDeadline = Now + config.DelayedAckTimeout.Ticks * 100;
        }
    }

    private void SendData()
    {
        if (State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck))
        {
            return;
        }

        while (true)
        {
            long cwnd = congestion.Cwnd + recoveryInflation;
            long pipe = Pipe();
            int payloadMax = SegmentPayload - SackOptionBytes;

            // After a timeout (sndNxt < sndMax) resending skips what the peer has SACKed.
            while (sndNxt < sndMax && scoreboard.Contains(sndNxt, out SeqNumber sackedEnd))
            {
                sndNxt = SeqNumber.Min(sackedEnd, sndMax);
            }

            int offset = sndNxt - sendBufferSeq;
            int available = sendBuffer.Count - offset;
            long windowRoom = sndWnd - (sndNxt - sndUna);

            // RFC 6675 §4 NextSeg: first the holes presumed lost (rule 1); when no new data can go (rule 3), any hole
            // below the highest SACKed byte.
            if (inRecovery && sackOk)
            {
                SeqNumber limit = available > 0 && windowRoom > 0 ? LostEdge : scoreboard.HighestRight(sndUna);
                SeqNumber hole = SeqNumber.Max(highRxt, sndUna);
                while (hole < limit && scoreboard.Contains(hole, out SeqNumber right))
                {
                    hole = right;
                }

                if (hole < limit)
                {
                    int holeLength = Math.Min(payloadMax, scoreboard.NextLeftAfter(hole, limit) - hole);
                    holeLength = Math.Min(holeLength, DataEnd - hole);
                    if (holeLength > 0)
                    {
                        if (pipe + holeLength > cwnd)
                        {
                            break;
                        }

                        SendSegmentAt(hole, holeLength, allowFin: true, retransmission: true);
                        highRxt = hole + holeLength;
                        continue;
                    }
                }
            }

            // New data, or after a timeout the flight again from sndUna (go-back-N over the unSACKed parts).
            if (available < 0)
            {
                break;
            }

            long length = Math.Min(Math.Min(payloadMax, available), Math.Min(windowRoom, cwnd - pipe));
            if (sndNxt < sndMax)
            {
                length = Math.Min(length, scoreboard.NextLeftAfter(sndNxt, sndMax) - sndNxt);
            }

            length = Math.Max(length, 0);
            bool fin = finQueued && length == available;
            if (length == 0 && !fin)
            {
                break;
            }

            // Sender silly-window avoidance (RFC 1122 §4.2.3.4): no small segment while more data waits, unless it is
            // at least half the largest window the peer ever offered.
            if (length < payloadMax && length < available && length < maxSndWnd / 2 && sndNxt >= sndMax)
            {
                break;
            }

            SendSegmentAt(sndNxt, (int)length, allowFin: fin, retransmission: sndNxt < sndMax);
        }

        ArmPersistIfStalled();
    }

    /// <summary>
    /// Bytes in flight: sent and not cumulatively acknowledged, less SACKed bytes and, in recovery, less the holes
    /// presumed lost and not yet retransmitted.
    /// </summary>
    private long Pipe()
    {
        long flight = sndNxt - sndUna;
        if (scoreboard.Count > 0)
        {
            flight -= scoreboard.CoveredBytes(sndUna, sndNxt);
            if (inRecovery)
            {
                flight -= scoreboard.UncoveredBytes(SeqNumber.Max(highRxt, sndUna), SeqNumber.Min(LostEdge, sndNxt));
            }
        }

        return Math.Max(flight, 0);
    }

    /// <summary>
    /// RFC 6675 §4 IsLost: a hole counts as lost once more than (DupThresh − 1) segments' worth of bytes above it
    /// are SACKed, so mere reordering does not trigger retransmissions.
    /// </summary>
    private SeqNumber LostEdge => scoreboard.EdgeWithCoveredAbove((long)(DupAckThreshold - 1) * SegmentPayload, sndUna);

    /// <summary>Sends <paramref name="length"/> bytes of the send buffer from <paramref name="seq"/>, with FIN if allowed and reached.</summary>
    private void SendSegmentAt(SeqNumber seq, int length, bool allowFin, bool retransmission)
    {
        bool fin = allowFin && finQueued && seq + length == DataEnd;
        TcpFlags flags = TcpFlags.Ack;
        if (fin)
        {
            flags |= TcpFlags.Fin;
        }

        if (length > 0 && seq + length == DataEnd)
        {
            flags |= TcpFlags.Psh;
        }

        TcpHeader h = NewHeader(seq, flags);
        Emit(ref h, seq - sendBufferSeq, length);

        SeqNumber end = seq + length + (fin ? 1 : 0);
        if (retransmission)
        {
            engine.Stats.Retransmissions++;

            // Karn's rule: a retransmitted range gives no RTT sample.
            rttTiming = false;
        }
        else if (!rttTiming && !timestampsOk && length > 0)
        {
            rttTiming = true;
            rttSeq = seq;
            rttStart = Now;
        }

        if (seq == sndNxt)
        {
            sndNxt = end;
        }

        sndMax = SeqNumber.Max(sndMax, end);
        if (RetransmitDeadline == long.MaxValue && !persisting)
        {
            RetransmitDeadline = Now + rtt.Rto;
        }
    }

    /// <summary>Nothing in flight, data waiting, and the peer's window too small: probe it on the persist timer.</summary>
    private void ArmPersistIfStalled()
    {
        bool waiting = sendBuffer.Count - (sndNxt - sendBufferSeq) > 0;
        if (waiting && sndNxt == sndUna && RetransmitDeadline == long.MaxValue)
        {
            persisting = true;
            RetransmitDeadline = Now + PersistInterval;
        }
    }

    private long PersistInterval =>
        Math.Clamp(rtt.Rto << Math.Min(persistBackoff, 20), config.MinRto.Ticks * 100, config.MaxRto.Ticks * 100);

    /// <summary>The persist timer fired: force a segment into the closed (or too small) window (RFC 9293 §3.8.6.1).</summary>
    private void SendWindowProbe()
    {
        int offset = sndUna - sendBufferSeq;
        int available = sendBuffer.Count - offset;
        if (available <= 0)
        {
            persisting = false;
            return;
        }

        long room = sndWnd;
        int length = (int)Math.Clamp(room, 1, Math.Min(available, SegmentPayload - SackOptionBytes));
        engine.Stats.ZeroWindowProbes++;
        SendSegmentAt(sndUna, length, allowFin: false, retransmission: sndUna < sndMax);
    }

    private void SendAck()
    {
        TcpHeader h = NewHeader(sndNxt, TcpFlags.Ack);
        Emit(ref h, 0, 0);
    }

    /// <summary>A control segment (RST) without options.</summary>
    private void SendControl(SeqNumber seq, TcpFlags flags)
    {
        var h = new TcpHeader
        {
            SourcePort = Tuple.LocalPort,
            DestinationPort = Tuple.RemotePort,
            Seq = seq,
            Ack = (flags & TcpFlags.Ack) != 0 ? rcvNxt : default,
            Flags = flags,
        };
        Emit(ref h, 0, 0);
    }

    private TcpHeader NewHeader(SeqNumber seq, TcpFlags flags)
    {
        var h = new TcpHeader
        {
            SourcePort = Tuple.LocalPort,
            DestinationPort = Tuple.RemotePort,
            Seq = seq,
            Ack = rcvNxt,
            Flags = flags,
            Window = AdvertisedWindow(),
        };

        if (timestampsOk)
        {
            h.Options.HasTimestamps = true;
            h.Options.TsVal = TimestampNow;
            h.Options.TsEcr = tsRecent;
        }

        if (sackOk && reassembly.Count > 0)
        {
            reassembly.WriteSackBlocks(ref h.Options, MaxSackBlocksToSend);
        }

        return h;
    }

    /// <summary>
    /// The window field to send: the buffer's free space, but the right edge moves only by a useful amount (receiver
    /// silly-window avoidance, RFC 1122 §4.2.3.3) and never backwards (RFC 9293 §3.8.6.2.2).
    /// </summary>
    private ushort AdvertisedWindow()
    {
        long maxWindow = MaxAdvertisableWindow;
        SeqNumber edge = rcvNxt + (int)Math.Min(receiveBuffer.Free, maxWindow);
        int threshold = (int)Math.Min(maxWindow / 2, config.Mss);
        if (edge > rcvAdvertisedEdge && edge - rcvAdvertisedEdge < threshold && rcvAdvertisedEdge >= rcvNxt)
        {
            edge = rcvAdvertisedEdge;
        }

        long field = Math.Min((long)Math.Max(edge - rcvNxt, 0) >> rcvShift, ushort.MaxValue);
        rcvAdvertisedEdge = SeqNumber.Max(rcvAdvertisedEdge, rcvNxt + (int)(field << rcvShift));
        return (ushort)field;
    }

    /// <summary>After a read: is the window now enough larger than the one the peer knows to tell it?</summary>
    private bool WindowUpdateWorthSending()
    {
        long maxWindow = MaxAdvertisableWindow;
        SeqNumber edge = rcvNxt + (int)Math.Min(receiveBuffer.Free, maxWindow);
        int threshold = (int)Math.Min(maxWindow / 2, config.Mss);
        return edge - rcvAdvertisedEdge >= threshold && rcvAdvertisedEdge - rcvNxt < maxWindow / 2;
    }

    /// <summary>The largest window the 16-bit field can carry with our shift, or the buffer if that is smaller.</summary>
    private long MaxAdvertisableWindow => Math.Min(receiveBuffer.Capacity, (long)ushort.MaxValue << rcvShift);

    /// <summary>Writes the header and the payload (from the send buffer) into the engine's buffer and sends it.</summary>
    private void Emit(ref TcpHeader h, int payloadOffset, int payloadLength)
    {
        Span<byte> buffer = engine.BeginTransmit(h.EncodedLength + payloadLength);
        int headerLength = h.Write(buffer);
        if (payloadLength > 0)
        {
            sendBuffer.CopyTo(payloadOffset, buffer.Slice(headerLength, payloadLength));
        }

        if (h.Has(TcpFlags.Ack))
        {
            lastAckSent = h.Ack;
            unackedSegments = 0;
            ackNow = false;
            DelayedAckDeadline = long.MaxValue;
        }

        engine.Transmit(buffer, Tuple.LocalAddress, Tuple.RemoteAddress, headerLength + payloadLength);
    }
}
