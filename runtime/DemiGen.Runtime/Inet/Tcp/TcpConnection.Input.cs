namespace DemiGen.Inet.Tcp;

/// <summary>Segment arrival (RFC 9293 §3.10.7), with RFC 5961 RST/SYN checks, RFC 7323 PAWS and RFC 2018 SACK.</summary>
internal sealed partial class TcpConnection
{
    internal void OnSegment(ref TcpHeader h, ReadOnlySpan<byte> payload)
    {
        switch (State)
        {
            case TcpState.Closed:
                return;
            case TcpState.SynSent:
                OnSegmentInSynSent(ref h);
                return;
        }

        if (h.Has(TcpFlags.Rst))
        {
            OnReset(in h);
            return;
        }

        if (timestampsOk)
        {
            // RFC 7323 §3.2 and §5.3: once negotiated every segment carries timestamps; older ones are old duplicates.
            if (!h.Options.HasTimestamps)
            {
                engine.Stats.DroppedPaws++;
                return;
            }

            if (unchecked((int)(h.Options.TsVal - tsRecent)) < 0)
            {
                engine.Stats.DroppedPaws++;
                SendAck();
                return;
            }
        }

        if (h.Has(TcpFlags.Syn))
        {
            if (State == TcpState.SynReceived && h.Seq == irs && !h.Has(TcpFlags.Ack))
            {
                // Our SYN-ACK was lost: the peer retransmitted its SYN.
                SendSyn();
                return;
            }

            if (State == TcpState.SynReceived && h.Seq == irs && h.Has(TcpFlags.Ack) && h.Ack > sndUna && h.Ack <= sndMax)
            {
                // Simultaneous open: the peer's SYN-ACK acknowledges our SYN.
                sndUna = h.Ack;
                OnEstablished();
                if (State != TcpState.Closed)
                {
                    SendAck();
                }

                return;
            }

            // RFC 5961 §4: a SYN on a synchronized connection gets a challenge ACK, never a reset.
            engine.Stats.ChallengeAcks++;
            SendAck();
            return;
        }

        SeqNumber seq = h.Seq;
        bool fin = h.Has(TcpFlags.Fin);
        int receivedLength = payload.Length;
        if (!TrimToWindow(ref seq, ref payload, ref fin, in h))
        {
            return;
        }

        // RFC 7323 §4.3: remember the TSval of the segment our next ACK will acknowledge.
        if (timestampsOk && unchecked((int)(h.Options.TsVal - tsRecent)) >= 0 && h.Seq <= lastAckSent)
        {
            tsRecent = h.Options.TsVal;
        }

        if (!h.Has(TcpFlags.Ack))
        {
            return;
        }

        if (State == TcpState.SynReceived)
        {
            if (!(h.Ack > sndUna && h.Ack <= sndMax))
            {
                engine.SendResetFor(Tuple, in h, payload.Length);
                return;
            }

            OnEstablished();
            if (State == TcpState.Closed)
            {
                return;
            }
        }

        if (!ProcessAck(ref h, receivedLength) || State == TcpState.Closed)
        {
            return;
        }

        if ((payload.Length > 0 || fin) && State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)
        {
            AcceptData(seq, payload, fin);
        }

        Output();
    }

    /// <summary>
    /// RFC 9293 §3.10.7.4 first check: the acceptability test, then trimming to the window. False when the segment is
    /// dropped (after an ACK if it was not a reset).
    /// </summary>
    private bool TrimToWindow(ref SeqNumber seq, ref ReadOnlySpan<byte> payload, ref bool fin, in TcpHeader h)
    {
        long window = receiveBuffer.Free;
        int segmentLength = payload.Length + (fin ? 1 : 0);
        SeqNumber last = seq + segmentLength - 1;
        bool acceptable = segmentLength == 0
            ? (window == 0 ? seq == rcvNxt : InWindow(seq, window))
            : window > 0 && (InWindow(seq, window) || InWindow(last, window));

        // RFC 9293: with a zero window special allowance is made for the ACK of a segment at RCV.NXT (a window probe).
        bool zeroWindowProbe = !acceptable && window == 0 && seq == rcvNxt;
        if (!acceptable && !zeroWindowProbe)
        {
            engine.Stats.DroppedOutOfWindow++;
            if (State == TcpState.TimeWait && fin)
            {
                // A retransmitted FIN: our last ACK was lost. ACK again and restart the 2·MSL wait.
                CloseDeadline = Now + (2 * config.Msl.Ticks * 100);
            }

            SendAck();
            return false;
        }

        int duplicate = rcvNxt - seq;
        if (duplicate > 0)
        {
            payload = payload[Math.Min(duplicate, payload.Length)..];
            seq = rcvNxt;
            ackNow = true;
        }

        long room = window - (seq - rcvNxt);
        if (payload.Length + (fin ? 1 : 0) > room)
        {
            payload = payload[..(int)Math.Max(Math.Min(room, payload.Length), 0)];
            fin = false;
            ackNow = true;
        }

        return true;
    }

    private bool InWindow(SeqNumber s, long window) => s >= rcvNxt && s - rcvNxt < window;

    /// <summary>RFC 5961 §3: only a RST at exactly RCV.NXT resets; one elsewhere in the window earns a challenge ACK.</summary>
    private void OnReset(in TcpHeader h)
    {
        long window = Math.Max(receiveBuffer.Free, 1);
        if (h.Seq == rcvNxt)
        {
            engine.Stats.ResetsReceived++;
            bool quiet = State is TcpState.SynReceived or TcpState.TimeWait or TcpState.Closing or TcpState.LastAck;
            Terminate(quiet ? DemiError.None : DemiError.ECONNRESET);
        }
        else if (InWindow(h.Seq, window))
        {
            engine.Stats.ChallengeAcks++;
            SendAck();
        }
    }

    private void OnSegmentInSynSent(ref TcpHeader h)
    {
        bool ackOk = h.Has(TcpFlags.Ack) && h.Ack > iss && h.Ack <= sndMax;
        if (h.Has(TcpFlags.Ack) && !ackOk)
        {
            engine.SendResetFor(Tuple, in h, 0);
            return;
        }

        if (h.Has(TcpFlags.Rst))
        {
            if (ackOk)
            {
                engine.Stats.ResetsReceived++;
                Terminate(DemiError.ECONNREFUSED);
            }

            return;
        }

        if (!h.Has(TcpFlags.Syn))
        {
            return;
        }

        ReceiveSyn(in h);
        if (!ackOk)
        {
            // Simultaneous open (RFC 9293 §3.5): answer with SYN-ACK on the same ISN.
            State = TcpState.SynReceived;
            RetransmitDeadline = long.MaxValue;
            SendSyn();
            return;
        }

        if (timestampsOk && h.Options.TsEcr != 0)
        {
            SampleRttFromTimestamp(h.Options.TsEcr);
        }
        else if (rttTiming)
        {
            rtt.Sample(Now - rttStart);
        }

        rttTiming = false;
        sndUna = h.Ack;
        OnEstablished();
        ackNow = true;
        Output();
    }

    /// <summary>The ACK field (RFC 9293 §3.10.7.4 fifth check) with RFC 5681/6582/6675 loss detection. False = drop the rest.</summary>
    private bool ProcessAck(ref TcpHeader h, int payloadLength)
    {
        SeqNumber ack = h.Ack;
        SeqNumber seq = h.Seq;
        bool fin = h.Has(TcpFlags.Fin);
        if (ack > sndMax)
        {
            SendAck();
            return false;
        }

        long window = (long)h.Window << sndShift;
        bool duplicate = ack == sndUna && payloadLength == 0 && !fin && sndMax > sndUna && window == sndWnd;
        if (sackOk && h.Options.SackCount > 0)
        {
            for (int i = 0; i < h.Options.SackCount; i++)
            {
                SackBlock b = h.Options.Sack[i];
                if (b.Left < b.Right && b.Left >= ack && b.Right <= sndMax)
                {
                    scoreboard.Add(b.Left, b.Right);
                }
            }
        }

        // RFC 9293 §3.10.7.4: only an ACK in [SND.UNA, SND.MAX] from a segment newer than the last update moves the window.
        if (ack >= sndUna && (sndWl1 < seq || (sndWl1 == seq && sndWl2 <= ack)))
        {
            sndWnd = window;
            sndWl1 = seq;
            sndWl2 = ack;
            maxSndWnd = Math.Max(maxSndWnd, sndWnd);
        }

        if (ack > sndUna)
        {
            if (!OnNewAck(ack, in h))
            {
                return false;
            }
        }
        else if (duplicate)
        {
            OnDuplicateAck();
        }

        if (persisting && sndWnd > 0)
        {
            persisting = false;
            persistBackoff = 0;
            RetransmitDeadline = long.MaxValue;
        }

        if (sndMax > sndUna && RetransmitDeadline == long.MaxValue && !persisting && State != TcpState.TimeWait)
        {
            RetransmitDeadline = Now + rtt.Rto;
        }

        return true;
    }

    /// <summary>New data acknowledged. False when the connection ended here (LAST_ACK done).</summary>
    private bool OnNewAck(SeqNumber ack, in TcpHeader h)
    {
        long acked = ack - sndUna;
        long flightBefore = sndMax - sndUna;
        if (timestampsOk && h.Options.HasTimestamps)
        {
            SampleRttFromTimestamp(h.Options.TsEcr);
        }
        else if (rttTiming && ack > rttSeq)
        {
            rtt.Sample(Now - rttStart);
            rttTiming = false;
        }

        retransmitCount = 0;
        bool finAcked = FinSent && ack > DataEnd;
        int dataAcked = Math.Clamp(ack - sendBufferSeq, 0, sendBuffer.Count);
        sendBuffer.Discard(dataAcked);
        sendBufferSeq += dataAcked;
        sndUna = ack;
        if (sndNxt < sndUna)
        {
            sndNxt = sndUna;
        }

        scoreboard.RemoveBelow(sndUna);

        // RFC 6298 §5.2–5.3: stop the timer when all is acknowledged, otherwise restart it.
        RetransmitDeadline = sndMax > sndUna && !persisting ? Now + rtt.Rto : (persisting ? RetransmitDeadline : long.MaxValue);

        if (inRecovery)
        {
            if (ack >= recover)
            {
                inRecovery = false;
                recoveryInflation = 0;
                dupAcks = 0;
                congestion.OnRecoveryEnd(sndMax - sndUna);
            }
            else if (!sackOk)
            {
                // RFC 6582 §3.2 step 4: a partial ACK; retransmit the next hole and deflate.
                SendSegmentAt(sndUna, Math.Min(SegmentPayload, DataEnd - sndUna), allowFin: true, retransmission: true);
                engine.Stats.FastRetransmits++;
                recoveryInflation = Math.Max(recoveryInflation - acked, 0) + (acked >= SegmentPayload ? SegmentPayload : 0);
            }
            else
            {
                highRxt = SeqNumber.Max(highRxt, sndUna);
            }
        }
        else
        {
            dupAcks = 0;
            if (dataAcked > 0)
            {
                congestion.OnAck(dataAcked, flightBefore, Now, rtt.SmoothedRtt);
            }
        }

        if (dataAcked > 0)
        {
            Notify(TcpEvents.Writable);
        }

        if (finAcked)
        {
            switch (State)
            {
                case TcpState.FinWait1:
                    State = TcpState.FinWait2;
                    CloseDeadline = Now + (config.FinWait2Timeout.Ticks * 100);
                    break;
                case TcpState.Closing:
                    EnterTimeWait();
                    break;
                case TcpState.LastAck:
                    Terminate(DemiError.None);
                    return false;
            }
        }

        return true;
    }

    /// <summary>RFC 5681 §3.2: the third duplicate ACK starts fast retransmit and recovery.</summary>
    private void OnDuplicateAck()
    {
        dupAcks++;
        if (inRecovery)
        {
            if (!sackOk)
            {
                recoveryInflation += SegmentPayload;
            }

            return;
        }

        // RFC 6582 §3.2 step 2: not again for losses from before the last recovery or timeout.
        if (dupAcks != DupAckThreshold || sndUna <= recover)
        {
            return;
        }

        engine.Stats.FastRetransmits++;
        inRecovery = true;
        recover = sndMax;
        congestion.OnLossDetected(sndMax - sndUna, Now);
        int length = Math.Min(SegmentPayload - SackOptionBytes, DataEnd - sndUna);
        if (sackOk)
        {
            length = Math.Min(length, scoreboard.NextLeftAfter(sndUna, sndMax) - sndUna);
        }

        if (length > 0 || FinSent)
        {
            SendSegmentAt(sndUna, Math.Max(length, 0), allowFin: true, retransmission: true);
        }

        highRxt = sndUna + Math.Max(length, 0);
        recoveryInflation = sackOk ? 0 : DupAckThreshold * (long)SegmentPayload;
    }

    private void SampleRttFromTimestamp(uint tsEcr)
    {
        uint elapsedMs = unchecked(TimestampNow - tsEcr);
        if (elapsedMs < int.MaxValue)
        {
            rtt.Sample(elapsedMs * NanosPerMilli);
        }
    }

    /// <summary>Data (and maybe FIN) that passed the window checks: deliver in order, keep the rest for reassembly.</summary>
    private void AcceptData(SeqNumber seq, ReadOnlySpan<byte> data, bool fin)
    {
        if (seq == rcvNxt)
        {
            receiveBuffer.WriteAt(receiveBuffer.Count, data);
            receiveBuffer.Commit(data.Length);
            rcvNxt += data.Length;
            bool filledHole = false;
            if (reassembly.Count > 0 && reassembly[0].Left <= rcvNxt)
            {
                int extra = reassembly[0].Right - rcvNxt;
                if (extra > 0)
                {
                    receiveBuffer.Commit(extra);
                    rcvNxt += extra;
                }

                reassembly.RemoveBelow(rcvNxt);
                filledHole = true;
            }

            if (data.Length > 0 || filledHole)
            {
                unackedSegments++;
                bool immediate = filledHole || reassembly.Count > 0 || unackedSegments >= 2 || config.DelayedAckTimeout <= TimeSpan.Zero;
                ackNow |= immediate;
                Notify(TcpEvents.Readable);
            }

            if ((fin && seq + data.Length == rcvNxt) || (hasOutOfOrderFin && outOfOrderFinSeq == rcvNxt))
            {
                ReceiveFin();
            }

            return;
        }

        engine.Stats.OutOfOrderSegments++;
        ackNow = true;
        if (data.Length > 0)
        {
            receiveBuffer.WriteAt(receiveBuffer.Count + (seq - rcvNxt), data);
            if (!reassembly.Add(seq, seq + data.Length))
            {
                engine.Stats.DroppedNoReassemblySpace++;
            }
        }

        if (fin)
        {
            hasOutOfOrderFin = true;
            outOfOrderFinSeq = seq + data.Length;
        }
    }

    private void ReceiveFin()
    {
        rcvNxt += 1;
        finReceived = true;
        hasOutOfOrderFin = false;
        ackNow = true;
        switch (State)
        {
            case TcpState.Established:
                State = TcpState.CloseWait;
                break;
            case TcpState.FinWait1:
                State = TcpState.Closing;
                break;
            case TcpState.FinWait2:
                EnterTimeWait();
                break;
        }

        Notify(TcpEvents.Readable);
    }

    private void EnterTimeWait()
    {
        State = TcpState.TimeWait;
        RetransmitDeadline = long.MaxValue;
        persisting = false;
        CloseDeadline = Now + (2 * config.Msl.Ticks * 100);
    }
}
