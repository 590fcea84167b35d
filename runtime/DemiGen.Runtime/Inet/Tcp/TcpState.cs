namespace DemiGen.Inet.Tcp;

/// <summary>The connection states of RFC 9293 §3.3.2.</summary>
public enum TcpState
{
    /// <summary>No connection (initial, or finished).</summary>
    Closed,
    /// <summary>Waiting for connection requests (a listener).</summary>
    Listen,
    /// <summary>SYN sent, waiting for the SYN-ACK.</summary>
    SynSent,
    /// <summary>SYN received and SYN-ACK sent, waiting for the ACK.</summary>
    SynReceived,
    /// <summary>Open: data flows both ways.</summary>
    Established,
    /// <summary>This side closed; its FIN is not acknowledged yet.</summary>
    FinWait1,
    /// <summary>This side's FIN is acknowledged; waiting for the peer's FIN.</summary>
    FinWait2,
    /// <summary>The peer closed; this side may still send.</summary>
    CloseWait,
    /// <summary>Both closed at once; waiting for the ACK of this side's FIN.</summary>
    Closing,
    /// <summary>The peer closed first and this side then closed; waiting for the last ACK.</summary>
    LastAck,
    /// <summary>Both closed; waiting 2·MSL so old duplicates die.</summary>
    TimeWait,
}
