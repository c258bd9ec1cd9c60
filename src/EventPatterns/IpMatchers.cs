namespace EventPatterns;

/// <summary>
/// <c>{"cidr": "10.0.0.0/24"}</c> (IPv4 or IPv6): the event string is an address of the same family inside the range.
/// As in EventBridge the range runs from the address as written to the top of its prefix (host bits are not cleared:
/// <c>10.0.0.5/24</c> covers 10.0.0.5-10.0.0.255), and the prefix length is 0-31 for IPv4 and 0-127 for IPv6; a single
/// host is matched by writing the address as a plain string value.
/// </summary>
internal sealed class CidrMatcher : ValueMatcher
{
    private readonly bool _isV6;
    private readonly UInt128 _low;
    private readonly UInt128 _high;

    private CidrMatcher(bool isV6, UInt128 low, UInt128 high)
    {
        _isV6 = isV6;
        _low = low;
        _high = high;
    }

    public static CidrMatcher Parse(string cidr, string path)
    {
        int slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || cidr.IndexOf('/', slash + 1) >= 0)
        {
            throw new PatternValidationException(path, $"malformed CIDR '{cidr}': exactly one '/' is required");
        }

        string bits = cidr[(slash + 1)..];
        if (bits.Length is 0 or > 3 || !bits.All(char.IsAsciiDigit))
        {
            throw new PatternValidationException(path, $"malformed CIDR '{cidr}': the prefix length must be a non-negative integer");
        }

        if (!IpAddressText.TryParse(cidr[..slash], out IpAddressValue address))
        {
            throw new PatternValidationException(path, $"malformed CIDR '{cidr}': '{cidr[..slash]}' is not an IPv4 or IPv6 address");
        }

        int prefix = int.Parse(bits, System.Globalization.CultureInfo.InvariantCulture);
        int width = address.IsV6 ? 128 : 32;
        if (prefix >= width)
        {
            throw new PatternValidationException(
                path, $"the {(address.IsV6 ? "IPv6" : "IPv4")} prefix length must be less than {width}; to match one address write it as a plain string value");
        }

        int hostBits = width - prefix;
        UInt128 hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new CidrMatcher(address.IsV6, address.Value, address.Value | hostMask);
    }

    public override bool MatchString(ReadOnlySpan<byte> utf8) =>
        IpAddressText.TryParse(utf8, out IpAddressValue address)
        && address.IsV6 == _isV6
        && address.Value >= _low
        && address.Value <= _high;
}

/// <summary>
/// A plain string value that is an IP address literal: matches the same address in any textual form
/// (<c>"2001:db8::1"</c> matches <c>"2001:DB8:0:0:0:0:0:1"</c>), as EventBridge compiles such values to an address range.
/// </summary>
internal sealed class IpAddressMatcher(IpAddressValue address) : ValueMatcher
{
    public override bool MatchString(ReadOnlySpan<byte> utf8) =>
        IpAddressText.TryParse(utf8, out IpAddressValue value) && value == address;
}
