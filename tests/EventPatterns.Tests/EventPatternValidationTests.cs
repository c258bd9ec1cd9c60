
namespace EventPatterns.Tests;

public class EventPatternValidationTests
{
    [Theory]
    [InlineData("[]", "$", "must be a JSON object")]
    [InlineData("\"x\"", "$", "must be a JSON object")]
    [InlineData("{}", "$", "empty objects are not allowed")]
    [InlineData("{\"a\":", "$", "not valid JSON")]
    [InlineData("""{"a":"x"}""", "$.a", "must be an object or an array")]
    [InlineData("""{"a":5}""", "$.a", "write [5]")]
    [InlineData("""{"a":null}""", "$.a", "must be an object or an array")]
    [InlineData("""{"a":[]}""", "$.a", "empty arrays are not allowed")]
    [InlineData("""{"a":{}}""", "$.a", "empty objects are not allowed")]
    [InlineData("""{"a":{"b":{}}}""", "$.a.b", "empty objects are not allowed")]
    [InlineData("""{"a":["x",["y"]]}""", "$.a[1]", "nested arrays are not allowed")]
    [InlineData("""{"detail-type":[["x"]]}""", "$['detail-type'][0]", "nested arrays")]
    [InlineData("""{"a":[{}]}""", "$.a[0]", "exactly one key, found 0")]
    [InlineData("""{"a":[{"prefix":"x","suffix":"y"}]}""", "$.a[0]", "exactly one key, found 2")]
    [InlineData("""{"a":[{"prefx":"x"}]}""", "$.a[0].prefx", "unknown operator 'prefx'")]
    [InlineData("""{"a":[{"exactly":"x"}]}""", "$.a[0].exactly", "unknown operator")]
    public void Parse_MalformedStructure_NamesThePath(string pattern, string path, string reason) =>
        AssertInvalid(pattern, path, reason);

    [Theory]
    [InlineData("""{"data":{"differences":{"type":["changed",{"prefix":5}]}}}""", "$.data.differences.type[1].prefix", "prefix must be a string")]
    [InlineData("""{"a":[{"prefix":{"equals-ignore-case":5}}]}""", "$.a[0].prefix['equals-ignore-case']", "must be a string")]
    [InlineData("""{"a":[{"prefix":{"foo":"x"}}]}""", "$.a[0].prefix.foo", "only equals-ignore-case")]
    [InlineData("""{"a":[{"prefix":{"equals-ignore-case":"x","foo":"y"}}]}""", "$.a[0].prefix", "exactly one key")]
    [InlineData("""{"a":[{"suffix":null}]}""", "$.a[0].suffix", "suffix must be a string")]
    [InlineData("""{"a":[{"suffix":{"wildcard":"x"}}]}""", "$.a[0].suffix.wildcard", "only equals-ignore-case")]
    [InlineData("""{"a":[{"equals-ignore-case":["x"]}]}""", "$.a[0]['equals-ignore-case']", "must be a string")]
    [InlineData("""{"a":[{"wildcard":"a**b"}]}""", "$.a[0].wildcard", "consecutive wildcard characters at position 1")]
    [InlineData("""{"a":[{"wildcard":"a\\b"}]}""", "$.a[0].wildcard", "invalid escape at position 1")]
    [InlineData("""{"a":[{"wildcard":"ab\\"}]}""", "$.a[0].wildcard", "invalid escape at position 2")]
    [InlineData("""{"a":[{"wildcard":5}]}""", "$.a[0].wildcard", "wildcard must be a string")]
    [InlineData("""{"a":[{"exists":"yes"}]}""", "$.a[0].exists", "exists must be true or false")]
    [InlineData("""{"a":[{"exists":null}]}""", "$.a[0].exists", "exists must be true or false")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0"}]}""", "$.a[0].cidr", "exactly one '/'")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/8/8"}]}""", "$.a[0].cidr", "exactly one '/'")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/x"}]}""", "$.a[0].cidr", "prefix length must be a non-negative integer")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/-1"}]}""", "$.a[0].cidr", "non-negative integer")]
    [InlineData("""{"a":[{"cidr":"10.0.0.256/8"}]}""", "$.a[0].cidr", "is not an IPv4 or IPv6 address")]
    [InlineData("""{"a":[{"cidr":"example.com/8"}]}""", "$.a[0].cidr", "is not an IPv4 or IPv6 address")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/32"}]}""", "$.a[0].cidr", "IPv4 prefix length must be less than 32")]
    [InlineData("""{"a":[{"cidr":"::/128"}]}""", "$.a[0].cidr", "IPv6 prefix length must be less than 128")]
    [InlineData("""{"a":[{"cidr":5}]}""", "$.a[0].cidr", "cidr must be a string")]
    public void Parse_BadStringOperand_NamesTheOperandPath(string pattern, string path, string reason) =>
        AssertInvalid(pattern, path, reason);

    [Theory]
    [InlineData("""{"a":[{"numeric":5}]}""", "$.a[0].numeric", "must be an array")]
    [InlineData("""{"a":[{"numeric":[]}]}""", "$.a[0].numeric", "needs an operator and a number")]
    [InlineData("""{"a":[{"numeric":[">"]}]}""", "$.a[0].numeric", "needs an operator and a number")]
    [InlineData("""{"a":[{"numeric":["!=",5]}]}""", "$.a[0].numeric[0]", "expected a numeric operator")]
    [InlineData("""{"a":[{"numeric":[5,">"]}]}""", "$.a[0].numeric[0]", "expected a numeric operator")]
    [InlineData("""{"a":[{"numeric":[">","5"]}]}""", "$.a[0].numeric[1]", "must be a JSON number")]
    [InlineData("""{"a":[{"numeric":["=",1,2]}]}""", "$.a[0].numeric[2]", "too many elements")]
    [InlineData("""{"a":[{"numeric":["<",5,">",0]}]}""", "$.a[0].numeric[2]", "too many elements")]
    [InlineData("""{"a":[{"numeric":[">",0,">",5]}]}""", "$.a[0].numeric[2]", "must use < or <=")]
    [InlineData("""{"a":[{"numeric":[">",0,"x",5]}]}""", "$.a[0].numeric[2]", "expected a numeric operator")]
    [InlineData("""{"a":[{"numeric":[">",0,"<"]}]}""", "$.a[0].numeric[3]", "number is missing")]
    [InlineData("""{"a":[{"numeric":[">",0,"<",5,6]}]}""", "$.a[0].numeric[4]", "too many elements")]
    [InlineData("""{"a":[{"numeric":[">",0,"<","5"]}]}""", "$.a[0].numeric[3]", "must be a JSON number")]
    [InlineData("""{"a":[{"numeric":[">",5,"<",5]}]}""", "$.a[0].numeric", "empty numeric range")]
    [InlineData("""{"a":[{"numeric":[">=",5,"<=",5]}]}""", "$.a[0].numeric", "empty numeric range")]
    [InlineData("""{"a":[{"numeric":[">",10,"<=",5]}]}""", "$.a[0].numeric", "empty numeric range")]
    [InlineData("""{"a":[{"numeric":[">=",5e9]}]}""", "$.a[0].numeric", "empty numeric range")]
    [InlineData("""{"a":[{"numeric":["<",-5e9]}]}""", "$.a[0].numeric", "empty numeric range")]
    [InlineData("""{"a":[{"numeric":[">",5000000001]}]}""", "$.a[0].numeric[1]", "between -5.0e9 and 5.0e9")]
    [InlineData("""{"a":[{"numeric":[">",1e400]}]}""", "$.a[0].numeric[1]", "between -5.0e9 and 5.0e9")]
    [InlineData("""{"a":[{"numeric":[">",0.0000001]}]}""", "$.a[0].numeric[1]", "at most 6 decimal places")]
    public void Parse_BadNumericRange_NamesTheTerm(string pattern, string path, string reason) =>
        AssertInvalid(pattern, path, reason);

    [Theory]
    [InlineData("""{"a":[{"anything-but":[]}]}""", "$.a[0]['anything-but']", "empty arrays are not allowed")]
    [InlineData("""{"a":[{"anything-but":["x",1]}]}""", "$.a[0]['anything-but'][1]", "must not mix strings and numbers")]
    [InlineData("""{"a":[{"anything-but":[true]}]}""", "$.a[0]['anything-but'][0]", "only strings or only numbers")]
    [InlineData("""{"a":[{"anything-but":[{"prefix":"x"}]}]}""", "$.a[0]['anything-but'][0]", "only strings or only numbers")]
    [InlineData("""{"a":[{"anything-but":null}]}""", "$.a[0]['anything-but']", "anything-but must be a string, a number")]
    [InlineData("""{"a":[{"anything-but":true}]}""", "$.a[0]['anything-but']", "anything-but must be a string, a number")]
    [InlineData("""{"a":[{"anything-but":6000000000}]}""", "$.a[0]['anything-but']", "between -5.0e9 and 5.0e9")]
    [InlineData("""{"a":[{"anything-but":[1,2.0000001]}]}""", "$.a[0]['anything-but'][1]", "at most 6 decimal places")]
    [InlineData("""{"a":[{"anything-but":{"prefix":""}}]}""", "$.a[0]['anything-but'].prefix", "must not be empty")]
    [InlineData("""{"a":[{"anything-but":{"suffix":["x",""]}}]}""", "$.a[0]['anything-but'].suffix[1]", "must not be empty")]
    [InlineData("""{"a":[{"anything-but":{"prefix":["x",5]}}]}""", "$.a[0]['anything-but'].prefix[1]", "prefix values must be strings")]
    [InlineData("""{"a":[{"anything-but":{"prefix":[]}}]}""", "$.a[0]['anything-but'].prefix", "empty arrays are not allowed")]
    [InlineData("""{"a":[{"anything-but":{"prefix":5}}]}""", "$.a[0]['anything-but'].prefix", "a string or a list of strings")]
    [InlineData("""{"a":[{"anything-but":{"prefix":{"equals-ignore-case":"x"}}}]}""", "$.a[0]['anything-but'].prefix", "a string or a list of strings")]
    [InlineData("""{"a":[{"anything-but":{"wildcard":["ok*","a**"]}}]}""", "$.a[0]['anything-but'].wildcard[1]", "consecutive wildcard")]
    [InlineData("""{"a":[{"anything-but":{"numeric":[">",1]}}]}""", "$.a[0]['anything-but'].numeric", "unsupported anything-but operator 'numeric'")]
    [InlineData("""{"a":[{"anything-but":{"prefix":"a","suffix":"b"}}]}""", "$.a[0]['anything-but']", "exactly one key, found 2")]
    [InlineData("""{"a":[{"anything-but":{}}]}""", "$.a[0]['anything-but']", "exactly one key, found 0")]
    public void Parse_BadAnythingBut_NamesTheOperandPath(string pattern, string path, string reason) =>
        AssertInvalid(pattern, path, reason);

    [Theory]
    [InlineData("""{"$or":[{"a":["x"]}]}""", "$['$or']", "at least 2 objects")]
    [InlineData("""{"$or":[]}""", "$['$or']", "at least 2 objects")]
    [InlineData("""{"$or":{"a":["x"]}}""", "$['$or']", "at least 2 objects")]
    [InlineData("""{"$or":[{"a":["x"]},"b"]}""", "$['$or'][1]", "must be an object")]
    [InlineData("""{"$or":[{"a":["x"]},{}]}""", "$['$or'][1]", "empty objects are not allowed")]
    [InlineData("""{"$or":[{"a":["x"]},{"prefix":["y"]}]}""", "$['$or'][1].prefix", "reserved word")]
    [InlineData("""{"$or":[{"a":["x"]},{"b":{"numeric":["y"]}}]}""", "$['$or'][1].b.numeric", "reserved word")]
    [InlineData("""{"data":{"$or":[{"a":["x"]},{"b":[{"numeric":[">"]}]}]}}""", "$.data['$or'][1].b[0].numeric", "needs an operator")]
    public void Parse_BadOr_NamesThePath(string pattern, string path, string reason) =>
        AssertInvalid(pattern, path, reason);

    [Fact]
    public void Parse_ReservedWordOutsideOr_IsAnOrdinaryFieldName() =>
        Assert.True(KadoaSample.Matches("""{"prefix":["x"]}""", """{"prefix":"x"}"""));

    [Fact]
    public void Parse_Null_Throws() => Assert.Throws<ArgumentNullException>(() => EventPattern.Parse(null!));

    internal static void AssertInvalid(string pattern, string path, string reason)
    {
        PatternValidationException ex = KadoaSample.Invalid(pattern);
        Assert.Equal(path, ex.Path);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
        Assert.StartsWith(path + ": ", ex.Message, StringComparison.Ordinal);
    }
}
