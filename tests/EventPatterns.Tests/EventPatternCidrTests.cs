namespace EventPatterns.Tests;

public class EventPatternCidrTests
{
    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.0", true)]
    [InlineData("10.0.0.0/24", "10.0.0.255", true)]
    [InlineData("10.0.0.0/24", "10.0.1.0", false)]
    [InlineData("10.0.0.0/24", "9.255.255.255", false)]
    [InlineData("10.0.0.0/8", "10.200.3.4", true)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("192.168.1.128/25", "192.168.1.127", false)]
    [InlineData("192.168.1.128/25", "192.168.1.200", true)]
    [InlineData("10.0.0.0/24", "10.0.0.01", false)] // leading zeros are not an address
    [InlineData("10.0.0.0/24", "10.0.0.1x", false)]
    [InlineData("10.0.0.0/24", "10.0.0", false)]
    [InlineData("10.0.0.0/24", "10.0.0.256", false)]
    [InlineData("10.0.0.0/24", "2001:db8::1", false)]
    [InlineData("10.0.0.0/24", "::ffff:a00:1", true)] // IPv4-mapped IPv6 is the IPv4 address
    // EventBridge does not clear host bits: the range starts at the address as written.
    [InlineData("10.0.0.5/24", "10.0.0.4", false)]
    [InlineData("10.0.0.5/24", "10.0.0.5", true)]
    [InlineData("10.0.0.5/24", "10.0.0.255", true)]
    public void Matches_CidrIPv4_MatchesAddressesInRange(string cidr, string ip, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches($$"""{"ip":[{"cidr":"{{cidr}}"}]}""", $$"""{"ip":"{{ip}}"}"""));

    [Theory]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:DB8:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("2001:db8::/32", "2001:db8::1::2", false)]
    [InlineData("2001:db8::/32", "2001:db8:0:0:0:0:0:0:1", false)]
    [InlineData("2001:db8::/32", "2001:db8:0:0:0:0:0:1", true)]
    [InlineData("::/0", "::1", true)]
    [InlineData("fe80::/10", "febf:ffff::", true)]
    [InlineData("fe80::/10", "fec0::", false)]
    public void Matches_CidrIPv6_MatchesAddressesInRange(string cidr, string ip, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches($$"""{"ip":[{"cidr":"{{cidr}}"}]}""", $$"""{"ip":"{{ip}}"}"""));

    [Theory]
    [InlineData("""{"ip":[{"cidr":"10.0.0.0/24"}]}""", """{"ip":10}""", false)]
    [InlineData("""{"ip":[{"cidr":"10.0.0.0/24"}]}""", """{"ip":["1.2.3.4","10.0.0.9"]}""", true)]
    [InlineData("""{"ip":[{"cidr":"10.0.0.0/24"}]}""", """{}""", false)]
    [InlineData("""{"ip":["2001:db8::1"]}""", """{"ip":"2001:DB8:0:0:0:0:0:1"}""", true)]
    [InlineData("""{"ip":["10.0.0.1"]}""", """{"ip":"10.0.0.1"}""", true)]
    [InlineData("""{"ip":["10.0.0.1"]}""", """{"ip":"10.0.0.2"}""", false)]
    public void Matches_IpValues_CompareAddresses(string pattern, string json, bool expected) =>
        Assert.Equal(expected, KadoaSample.Matches(pattern, json));
}
