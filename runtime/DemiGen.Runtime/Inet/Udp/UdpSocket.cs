using System.Net;

namespace DemiGen;

/// <summary>
/// A UDP socket queue on the Catnip stack. A push sends one datagram at once (copied from the lent Sga into the
/// frame), so its token completes immediately; a pop completes with the next datagram in a fresh Sga and its sender.
/// Unbound senders get an ephemeral port. A connected socket sends to, and only accepts datagrams from, its peer.
/// </summary>
internal sealed class UdpSocket : IoQueue
{
    private readonly UdpLayer udp;
    private readonly Queue<(Sga Data, IPEndPoint From)> received = new();
    private readonly Queue<QToken> waitingPops = new();
    private ushort localPort;
    private (Ipv4Address Address, ushort Port)? peer;
    private IPEndPoint? lastSender;
    private (Ipv4Address Address, ushort Port) lastSenderKey;

    internal UdpSocket(UdpLayer udp) => this.udp = udp;

    internal override string Kind => "catnip udp socket";

    private LibOS OS => udp.OS;

    internal override IPEndPoint LocalEndPoint => new(localPort == 0 ? IPAddress.Any : udp.Config.Address.ToIPAddress(), localPort);

    internal override void Bind(IPEndPoint local)
    {
        if (localPort != 0)
        {
            throw new DemiException(DemiError.EINVAL, $"Bind: {Qd} is already bound to port {localPort}.");
        }

        Ipv4Address address = Ipv4Address.From(local.Address);
        if (!address.IsAny && address != udp.Config.Address)
        {
            throw new DemiException(DemiError.EADDRNOTAVAIL, $"Bind: {local.Address} is not this stack's address ({udp.Config.Address}).");
        }

        localPort = udp.Bind(this, (ushort)local.Port);
    }

    internal override void Connect(QToken qt, IPEndPoint remote)
    {
        if (!TryRemote(remote, out Ipv4Address address, out DemiError error))
        {
            OS.CompleteFailed(qt, error);
            return;
        }

        EnsureBound();
        peer = (address, (ushort)remote.Port);
        OS.CompleteOk(qt, DemiOpcode.Connect);
    }

    internal override void Push(QToken qt, Sga sga)
    {
        if (peer is not { } p)
        {
            OS.CompletePush(qt, sga, DemiError.ENOTCONN);
            return;
        }

        OS.CompletePush(qt, sga, Send(sga, p.Address, p.Port));
    }

    internal override void PushTo(QToken qt, Sga sga, IPEndPoint remote)
    {
        if (!TryRemote(remote, out Ipv4Address address, out DemiError error))
        {
            OS.CompletePush(qt, sga, error);
            return;
        }

        OS.CompletePush(qt, sga, Send(sga, address, (ushort)remote.Port));
    }

    internal override void Pop(QToken qt)
    {
        EnsureBound();
        if (received.TryDequeue(out (Sga Data, IPEndPoint From) datagram))
        {
            OS.CompletePop(qt, datagram.Data, datagram.From);
            return;
        }

        waitingPops.Enqueue(qt);
    }

    internal override void Close(QToken qt)
    {
        Abort();
        OS.CompleteOk(qt, DemiOpcode.Close);
    }

    internal override void Abort()
    {
        if (localPort != 0)
        {
            udp.Unbind(localPort);
        }

        while (waitingPops.TryDequeue(out QToken pop))
        {
            OS.CompleteFailed(pop, DemiError.ECANCELED);
        }

        // Memory.Free, not SgaFree: Abort also runs from LibOS.Dispose, after the libOS refuses app calls.
        while (received.TryDequeue(out (Sga Data, IPEndPoint From) datagram))
        {
            OS.Memory.Free(datagram.Data);
        }
    }

    /// <summary>A datagram for this socket arrived: copy it into a fresh Sga for a waiting pop, or queue it.</summary>
    internal void Deliver(Ipv4Address source, ushort sourcePort, ReadOnlySpan<byte> data)
    {
        if (peer is { } p && (p.Address != source || p.Port != sourcePort))
        {
            udp.Counters.DroppedNotConnectedPeer++;
            return;
        }

        if (waitingPops.Count == 0 && received.Count >= udp.Config.UdpReceiveQueueLimit)
        {
            udp.Counters.DroppedQueueFull++;
            return;
        }

        Sga sga = OS.Memory.Allocate(Math.Max(1, data.Length));
        sga.CopyFrom(data);
        if (data.Length == 0)
        {
            sga.Trim(0);
        }

        IPEndPoint from = Sender(source, sourcePort);
        udp.Counters.Delivered++;
        if (waitingPops.TryDequeue(out QToken pop))
        {
            OS.CompletePop(pop, sga, from);
        }
        else
        {
            received.Enqueue((sga, from));
        }
    }

    private DemiError Send(Sga sga, Ipv4Address destination, ushort port)
    {
        if (port == 0)
        {
            return DemiError.EINVAL;
        }

        EnsureBound();
        int length = UdpHeader.Size + sga.Length;
        if (length > udp.Ipv4.MaxPayload)
        {
            return DemiError.EMSGSIZE;
        }

        Span<byte> datagram = udp.Ipv4.BeginSend()[..length];
        new UdpHeader(localPort, port, length, 0).Write(datagram);
        CopyLent(sga, datagram[UdpHeader.Size..]);
        UdpHeader.WriteChecksum(datagram, udp.Ipv4.LocalAddress, destination);
        Ipv4SendResult result = udp.Ipv4.CommitSend(destination, IpProtocol.Udp, length);
        if (result is Ipv4SendResult.Sent or Ipv4SendResult.AwaitingArp)
        {
            udp.Counters.Sent++;
        }

        return result switch
        {
            Ipv4SendResult.Sent or Ipv4SendResult.AwaitingArp => DemiError.None,
            Ipv4SendResult.NoRoute => DemiError.ENETUNREACH,
            Ipv4SendResult.TooLarge => DemiError.EMSGSIZE,
            _ => DemiError.ENOBUFS,
        };
    }

    /// <summary>Copies a lent Sga's bytes without the ownership checks the app's accessors apply to lent buffers.</summary>
    private void CopyLent(Sga sga, Span<byte> destination)
    {
        for (int buffer = OS.Memory.FirstBufferOf(sga.Index); buffer >= 0; buffer = OS.Memory.NextBuffer(buffer))
        {
            Span<byte> segment = OS.Memory.BufferSpan(buffer);
            segment.CopyTo(destination);
            destination = destination[segment.Length..];
        }
    }

    private void EnsureBound()
    {
        if (localPort == 0)
        {
            localPort = udp.Bind(this, 0);
        }
    }

    private IPEndPoint Sender(Ipv4Address address, ushort port)
    {
        // Most sockets hear from one peer: reuse its endpoint instead of allocating one per datagram.
        if (lastSender is null || lastSenderKey != (address, port))
        {
            lastSender = new IPEndPoint(address.ToIPAddress(), port);
            lastSenderKey = (address, port);
        }

        return lastSender;
    }

    private static bool TryRemote(IPEndPoint remote, out Ipv4Address address, out DemiError error)
    {
        address = default;
        IPAddress ip = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            error = DemiError.EAFNOSUPPORT;
            return false;
        }

        address = Ipv4Address.From(ip);
        error = remote.Port == 0 || address.IsAny ? DemiError.EINVAL : DemiError.None;
        return error == DemiError.None;
    }
}
