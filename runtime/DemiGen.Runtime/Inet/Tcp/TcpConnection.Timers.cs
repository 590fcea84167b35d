namespace DemiGen.Inet.Tcp;

/// <summary>The connection's timers: retransmission (and SYN retries, and persist), delayed ACK, TIME_WAIT / FIN_WAIT_2.</summary>
internal sealed partial class TcpConnection
{
    internal void OnTimers(long now)
    {
        if (CloseDeadline <= now)
        {
            CloseDeadline = long.MaxValue;
            Terminate(State == TcpState.FinWait2 ? DemiError.ETIMEDOUT : DemiError.None);
            return;
        }

        if (DelayedAckDeadline <= now)
        {
            DelayedAckDeadline = long.MaxValue;
            if (State is not (TcpState.Closed or TcpState.SynSent or TcpState.SynReceived))
            {
                SendAck();
            }
        }

        if (RetransmitDeadline <= now)
        {
            RetransmitDeadline = long.MaxValue;
            OnRetransmitTimer(now);
        }
    }

    private void OnRetransmitTimer(long now)
    {
        if (persisting)
        {
            SendWindowProbe();
            persistBackoff++;
            if (persisting)
            {
                RetransmitDeadline = now + PersistInterval;
            }

            return;
        }

        switch (State)
        {
            case TcpState.SynSent:
            case TcpState.SynReceived:
                int limit = State == TcpState.SynSent ? config.SynRetries : config.SynAckRetries;
                if (++retransmitCount > limit)
                {
                    Terminate(DemiError.ETIMEDOUT);
                    return;
                }

                rtt.Backoff();
                rttTiming = false;
                engine.Stats.Retransmissions++;
                SendSyn();
                return;
            case TcpState.Established:
            case TcpState.CloseWait:
            case TcpState.FinWait1:
            case TcpState.Closing:
            case TcpState.LastAck:
                if (sndMax == sndUna)
                {
                    return;
                }

                if (++retransmitCount > config.MaxRetransmissions)
                {
                    SendControl(sndNxt, TcpFlags.Rst | TcpFlags.Ack);
                    engine.Stats.ResetsSent++;
                    Terminate(DemiError.ETIMEDOUT);
                    return;
                }

                // RFC 6298 §5.4–5.6 and RFC 5681 §3.1: back off, collapse the window, resend from the first hole.
                engine.Stats.RetransmitTimeouts++;
                congestion.OnRetransmitTimeout(sndMax - sndUna, now);
                rtt.Backoff();
                rttTiming = false;
                inRecovery = false;
                recoveryInflation = 0;
                dupAcks = 0;
                recover = sndMax;

                // RFC 2018 §8 / RFC 6675 §5.1: keep the SACK information across the timeout unless the peer looks to
                // have reneged (its cumulative ACK stops at data it SACKed), then forget it.
                if (scoreboard.Count > 0 && scoreboard[0].Left <= sndUna)
                {
                    scoreboard.Clear();
                }

                sndNxt = sndUna;
                SendData();
                return;
        }
    }
}
