using System.Net;

namespace DemiGen;

/// <summary>The completion of one asynchronous operation.</summary>
public readonly struct QResult
{
    /// <summary>Creates a result.</summary>
    public QResult(DemiOpcode opcode, QDesc qd, QToken qt, DemiError error = DemiError.None, Sga sga = default, QDesc accepted = default, IPEndPoint? remote = null)
    {
        Opcode = opcode;
        QDesc = qd;
        QToken = qt;
        Error = error;
        Sga = sga;
        Accepted = accepted;
        Remote = remote;
    }

    /// <summary>What completed; <see cref="DemiOpcode.Failed"/> when <see cref="Error"/> is set.</summary>
    public DemiOpcode Opcode { get; }

    /// <summary>The queue the operation ran on.</summary>
    public QDesc QDesc { get; }

    /// <summary>The token of the operation.</summary>
    public QToken QToken { get; }

    /// <summary>Why the operation failed, or <see cref="DemiError.None"/>.</summary>
    public DemiError Error { get; }

    /// <summary>For a pop: the data, now owned by the app (empty when the peer closed).</summary>
    public Sga Sga { get; }

    /// <summary>For an accept: the new connection's queue.</summary>
    public QDesc Accepted { get; }

    /// <summary>For a pop on a datagram queue or an accept: the remote endpoint.</summary>
    public IPEndPoint? Remote { get; }

    /// <summary>True when the operation failed.</summary>
    public bool Failed => Error != DemiError.None;

    /// <summary>The popped Sga of a pop result (empty when the pop failed or the peer closed).</summary>
    public static implicit operator Sga(QResult result) => result.Sga;

    /// <inheritdoc />
    public override string ToString() => Failed ? $"{Opcode} {QDesc} {QToken} error={Error}" : $"{Opcode} {QDesc} {QToken}";
}
