using System.Buffers.Binary;

namespace DemiGen.Inet.Tcp;

/// <summary>A TCP header (RFC 9293 §3.1) with its options, parsed from or written to wire bytes.</summary>
internal struct TcpHeader
{
    /// <summary>The fixed part of the header.</summary>
    public const int MinLength = 20;

    /// <summary>The fixed part plus the 40-byte option space.</summary>
    public const int MaxLength = 60;

    private const byte OptEnd = 0;
    private const byte OptNop = 1;
    private const byte OptMss = 2;
    private const byte OptWindowScale = 3;
    private const byte OptSackPermitted = 4;
    private const byte OptSack = 5;
    private const byte OptTimestamps = 8;

    public ushort SourcePort;
    public ushort DestinationPort;
    public SeqNumber Seq;
    public SeqNumber Ack;
    public TcpFlags Flags;
    public ushort Window;
    public ushort UrgentPointer;

    /// <summary>The header length in bytes (data offset × 4), set by <see cref="TryParse"/>.</summary>
    public int HeaderLength;
    public TcpOptions Options;

    public readonly bool Has(TcpFlags flag) => (Flags & flag) != 0;

    /// <summary>Parses the header of <paramref name="segment"/>; the payload starts at <see cref="HeaderLength"/>.</summary>
    public static TcpParseError TryParse(ReadOnlySpan<byte> segment, out TcpHeader header)
    {
        header = default;
        if (segment.Length < MinLength)
        {
            return TcpParseError.TooShort;
        }

        int headerLength = (segment[12] >> 4) * 4;
        if (headerLength < MinLength || headerLength > segment.Length)
        {
            return TcpParseError.BadDataOffset;
        }

        header.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
        header.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
        header.Seq = new SeqNumber(BinaryPrimitives.ReadUInt32BigEndian(segment[4..]));
        header.Ack = new SeqNumber(BinaryPrimitives.ReadUInt32BigEndian(segment[8..]));
        header.Flags = (TcpFlags)segment[13];
        header.Window = BinaryPrimitives.ReadUInt16BigEndian(segment[14..]);
        header.UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(segment[18..]);
        header.HeaderLength = headerLength;
        return ParseOptions(segment[MinLength..headerLength], ref header.Options);
    }

    private static TcpParseError ParseOptions(ReadOnlySpan<byte> bytes, ref TcpOptions options)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            byte kind = bytes[i];
            if (kind == OptEnd)
            {
                break;
            }

            if (kind == OptNop)
            {
                i++;
                continue;
            }

            if (i + 1 >= bytes.Length)
            {
                return TcpParseError.BadOption;
            }

            int length = bytes[i + 1];
            if (length < 2 || i + length > bytes.Length)
            {
                return TcpParseError.BadOption;
            }

            ReadOnlySpan<byte> body = bytes.Slice(i + 2, length - 2);
            switch (kind)
            {
                // A known option with the wrong length is ignored, as an unknown one is (robustness principle).
                case OptMss when length == 4:
                    options.HasMss = true;
                    options.Mss = BinaryPrimitives.ReadUInt16BigEndian(body);
                    break;
                case OptWindowScale when length == 3:
                    options.HasWindowScale = true;
                    options.WindowScale = Math.Min(body[0], (byte)TcpOptions.MaxWindowScale);
                    break;
                case OptSackPermitted when length == 2:
                    options.SackPermitted = true;
                    break;
                case OptSack when length >= 10 && (length - 2) % 8 == 0:
                    for (int b = 0; b + 8 <= body.Length; b += 8)
                    {
                        options.AddSack(
                            new SeqNumber(BinaryPrimitives.ReadUInt32BigEndian(body[b..])),
                            new SeqNumber(BinaryPrimitives.ReadUInt32BigEndian(body[(b + 4)..])));
                    }

                    break;
                case OptTimestamps when length == 10:
                    options.HasTimestamps = true;
                    options.TsVal = BinaryPrimitives.ReadUInt32BigEndian(body);
                    options.TsEcr = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    break;
            }

            i += length;
        }

        return TcpParseError.None;
    }

    /// <summary>The bytes <see cref="Write"/> produces for this header.</summary>
    public readonly int EncodedLength => MinLength + Options.EncodedLength(Has(TcpFlags.Syn));

    /// <summary>
    /// Writes the header and its options to <paramref name="destination"/> with a zero checksum and returns the
    /// header length. SACK-permitted and window scale are written only on SYN segments, SACK blocks only on others.
    /// </summary>
    public readonly int Write(Span<byte> destination)
    {
        bool syn = Has(TcpFlags.Syn);
        int length = EncodedLength;
        Span<byte> d = destination[..length];
        BinaryPrimitives.WriteUInt16BigEndian(d, SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(d[2..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], Seq.Value);
        BinaryPrimitives.WriteUInt32BigEndian(d[8..], Ack.Value);
        d[12] = (byte)((length / 4) << 4);
        d[13] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(d[14..], Window);
        d[16] = 0;
        d[17] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(d[18..], UrgentPointer);

        int i = MinLength;
        if (Options.HasMss)
        {
            d[i] = OptMss;
            d[i + 1] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(d[(i + 2)..], Options.Mss);
            i += 4;
        }

        bool sackPermitted = syn && Options.SackPermitted;
        if (Options.HasTimestamps)
        {
            if (sackPermitted)
            {
                d[i] = OptSackPermitted;
                d[i + 1] = 2;
            }
            else
            {
                d[i] = OptNop;
                d[i + 1] = OptNop;
            }

            d[i + 2] = OptTimestamps;
            d[i + 3] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(d[(i + 4)..], Options.TsVal);
            BinaryPrimitives.WriteUInt32BigEndian(d[(i + 8)..], Options.TsEcr);
            i += 12;
        }
        else if (sackPermitted)
        {
            d[i] = OptNop;
            d[i + 1] = OptNop;
            d[i + 2] = OptSackPermitted;
            d[i + 3] = 2;
            i += 4;
        }

        if (syn && Options.HasWindowScale)
        {
            d[i] = OptNop;
            d[i + 1] = OptWindowScale;
            d[i + 2] = 3;
            d[i + 3] = Options.WindowScale;
            i += 4;
        }

        if (!syn && Options.SackCount > 0)
        {
            d[i] = OptNop;
            d[i + 1] = OptNop;
            d[i + 2] = OptSack;
            d[i + 3] = (byte)(2 + (8 * Options.SackCount));
            i += 4;
            for (int b = 0; b < Options.SackCount; b++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(d[i..], Options.Sack[b].Left.Value);
                BinaryPrimitives.WriteUInt32BigEndian(d[(i + 4)..], Options.Sack[b].Right.Value);
                i += 8;
            }
        }

        return length;
    }
}
