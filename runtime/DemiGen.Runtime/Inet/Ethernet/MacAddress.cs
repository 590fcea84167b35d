using System.Buffers.Binary;
using System.Globalization;

namespace DemiGen;

/// <summary>A 48-bit Ethernet (IEEE 802) hardware address, held in the low 48 bits of a <see cref="ulong"/>.</summary>
public readonly record struct MacAddress
{
    private readonly ulong value;

    private MacAddress(ulong value) => this.value = value & 0xFFFF_FFFF_FFFFUL;

    /// <summary>ff:ff:ff:ff:ff:ff, every station on the link.</summary>
    public static MacAddress Broadcast { get; } = new(0xFFFF_FFFF_FFFFUL);

    /// <summary>00:00:00:00:00:00 (the unknown target of an ARP request).</summary>
    public static MacAddress Zero { get; } = default;

    /// <summary>Whether this is the broadcast address.</summary>
    public bool IsBroadcast => value == 0xFFFF_FFFF_FFFFUL;

    /// <summary>Whether the group bit (least significant bit of the first octet) is set: broadcast or multicast.</summary>
    public bool IsMulticast => (value & 0x0100_0000_0000UL) != 0;

    /// <summary>Reads six octets in network order.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> bytes) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));

    /// <summary>Writes six octets in network order.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)value);
    }

    /// <summary>Parses "aa:bb:cc:dd:ee:ff" (or with '-' separators).</summary>
    /// <exception cref="FormatException">The text is not six hex octets.</exception>
    public static MacAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(':', '-');
        if (parts.Length != 6)
        {
            throw new FormatException($"'{text}' is not a MAC address: expected six hex octets like 02:00:00:00:00:01.");
        }

        ulong v = 0;
        foreach (string part in parts)
        {
            if (part.Length is < 1 or > 2 || !byte.TryParse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte octet))
            {
                throw new FormatException($"'{text}' is not a MAC address: '{part}' is not a hex octet.");
            }

            v = (v << 8) | octet;
        }

        return new MacAddress(v);
    }

    /// <summary>The address as lower-case colon-separated hex.</summary>
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        Write(b);
        return string.Create(CultureInfo.InvariantCulture, $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}");
    }
}
