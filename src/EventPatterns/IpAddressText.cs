using System.Text;

namespace EventPatterns;

/// <summary>An IPv4 (32 low bits) or IPv6 address as a number, for CIDR ranges and address equality.</summary>
internal readonly record struct IpAddressValue(bool IsV6, UInt128 Value);

/// <summary>
/// Parses IP address literals the way EventBridge recognises them, without allocating: IPv4 is four dot-separated
/// decimal octets (0-255, no leading zeros); IPv6 is hex groups with at most one <c>::</c> (no embedded dotted quad,
/// no zone). An IPv4-mapped IPv6 address (<c>::ffff:a00:1</c>) is the IPv4 address, as Java's resolver returns it.
/// </summary>
internal static class IpAddressText
{
    public static bool TryParse(string text, out IpAddressValue address) =>
        TryParse(Encoding.UTF8.GetBytes(text), out address);

    public static bool TryParse(ReadOnlySpan<byte> text, out IpAddressValue address)
    {
        address = default;
        if (text.Length is 0 or > 39)
        {
            return false;
        }

        if (text.IndexOf((byte)':') < 0)
        {
            if (!TryParseV4(text, out uint v4))
            {
                return false;
            }

            address = new IpAddressValue(false, v4);
            return true;
        }

        if (!TryParseV6(text, out UInt128 v6))
        {
            return false;
        }

        address = (v6 >> 32) == 0xFFFF
            ? new IpAddressValue(false, v6 & 0xFFFF_FFFF)
            : new IpAddressValue(true, v6);
        return true;
    }

    private static bool TryParseV4(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        int octets = 0;
        while (true)
        {
            int dot = text.IndexOf((byte)'.');
            ReadOnlySpan<byte> part = dot < 0 ? text : text[..dot];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == (byte)'0'))
            {
                return false;
            }

            uint octet = 0;
            foreach (byte b in part)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                octet = (octet * 10) + (uint)(b - '0');
            }

            if (octet > 255)
            {
                return false;
            }

            value = (value << 8) | octet;
            octets++;
            if (dot < 0)
            {
                return octets == 4;
            }

            if (octets == 4)
            {
                return false;
            }

            text = text[(dot + 1)..];
        }
    }

    private static bool TryParseV6(ReadOnlySpan<byte> text, out UInt128 value)
    {
        value = 0;
        int gap = text.IndexOf("::"u8);
        if (gap >= 0 && text[(gap + 1)..].IndexOf("::"u8) >= 0)
        {
            return false;
        }

        if (gap < 0)
        {
            return TryParseGroups(text, out value, out int count) && count == 8;
        }

        if (!TryParseGroups(text[..gap], out UInt128 head, out int headCount)
            || !TryParseGroups(text[(gap + 2)..], out UInt128 tail, out int tailCount)
            || headCount + tailCount > 7)
        {
            return false;
        }

        value = (head << (16 * (8 - headCount))) | tail;
        return true;
    }

    // Colon-separated hex groups (1-4 digits each); an empty span is zero groups.
    private static bool TryParseGroups(ReadOnlySpan<byte> text, out UInt128 value, out int count)
    {
        value = 0;
        count = 0;
        if (text.IsEmpty)
        {
            return true;
        }

        while (true)
        {
            int colon = text.IndexOf((byte)':');
            ReadOnlySpan<byte> group = colon < 0 ? text : text[..colon];
            if (group.Length is 0 or > 4 || count == 8)
            {
                return false;
            }

            uint number = 0;
            foreach (byte b in group)
            {
                int digit = b switch
                {
                    >= (byte)'0' and <= (byte)'9' => b - '0',
                    >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                    >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                    _ => -1,
                };
                if (digit < 0)
                {
                    return false;
                }

                number = (number << 4) | (uint)digit;
            }

            value = (value << 16) | number;
            count++;
            if (colon < 0)
            {
                return true;
            }

            text = text[(colon + 1)..];
        }
    }
}
