using KadoaBridge.Core.Routing;

namespace KadoaBridge.Core.Tests.Routing;

public class RouteRuleValidatorTests
{
    private static readonly string[] Aliases = ["changes", "pricing", "audit"];

    private static RouteRule Valid => new()
    {
        Name = "price-drops.v1_a",
        Description = "Price changes of wf-1",
        Order = 10,
        Filter = """{"data":{"changedKeys":["price"]}}""",
        Destinations = ["pricing"],
        Transform = new RouteTransform { OmitSnapshot = true, Type = "Kadoa.Pricing.Changed", KeepDataFields = ["url", "differences"] },
    };

    [Fact]
    public void Validate_ValidRule_ReturnsNoErrors() => Assert.Empty(RouteRuleValidator.Validate(Valid, Aliases));

    [Fact]
    public void Validate_NullFilter_IsValid() =>
        Assert.Empty(RouteRuleValidator.Validate(Valid with { Filter = null, Transform = null }, Aliases));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("ümlaut")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_BadName_ReportsName(string name) =>
        AssertSingleError(Valid with { Name = name }, "$.name");

    [Fact]
    public void Validate_MaxLengthName_IsValid() =>
        Assert.Empty(RouteRuleValidator.Validate(Valid with { Name = new string('a', 63) }, Aliases));

    [Fact]
    public void Validate_LongDescription_ReportsDescription() =>
        AssertSingleError(Valid with { Description = new string('d', 1025) }, "$.description");

    [Theory]
    [InlineData("""{"data":{"url":[{"prefix":5}]}}""", "$.filter.data.url[0].prefix")]
    [InlineData("""{"data":{"url":"x"}}""", "$.filter.data.url")]
    [InlineData("""{"data":{"differences":{"type":["changed",{"suffx":"d"}]}}}""", "$.filter.data.differences.type[1].suffx")]
    [InlineData("not json", "$.filter")]
    [InlineData("", "$.filter")]
    [InlineData("{}", "$.filter")]
    public void Validate_BadFilter_ReportsPathInsideFilter(string filter, string path) =>
        AssertSingleError(Valid with { Filter = filter }, path);

    [Fact]
    public void Validate_NoDestinations_ReportsDestinations() =>
        AssertSingleError(Valid with { Destinations = [] }, "$.destinations");

    [Fact]
    public void Validate_NullDestinations_ReportsDestinations() =>
        AssertSingleError(Valid with { Destinations = null! }, "$.destinations");

    [Fact]
    public void Validate_UnknownDestination_ReportsItsIndexAndTheConfiguredAliases()
    {
        RouteRuleError error = AssertSingleError(Valid with { Destinations = ["pricing", "changes", "pricng"] }, "$.destinations[2]");
        Assert.Contains("unknown destination 'pricng'", error.Message, StringComparison.Ordinal);
        Assert.Contains("audit, changes, pricing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DestinationAliases_AreCaseSensitive() =>
        AssertSingleError(Valid with { Destinations = ["Pricing"] }, "$.destinations[0]");

    [Fact]
    public void Validate_DuplicateOrEmptyDestination_ReportsEach()
    {
        IReadOnlyList<RouteRuleError> errors = RouteRuleValidator.Validate(Valid with { Destinations = ["pricing", "", "pricing"] }, Aliases);
        Assert.Equal(["$.destinations[1]", "$.destinations[2]"], errors.Select(e => e.Path));
        Assert.Contains("duplicate destination 'pricing'", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoAliasesConfigured_SaysSo()
    {
        IReadOnlyList<RouteRuleError> errors = RouteRuleValidator.Validate(Valid, []);
        Assert.Contains("none are configured", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Kadoa.\nType")]
    public void Validate_BadTransformType_ReportsType(string type) =>
        AssertSingleError(Valid with { Transform = new RouteTransform { Type = type } }, "$.transform.type");

    [Fact]
    public void Validate_BadKeepDataFields_ReportsEachEntry()
    {
        RouteRule rule = Valid with { Transform = new RouteTransform { KeepDataFields = ["url", "url", "", null!] } };
        IReadOnlyList<RouteRuleError> errors = RouteRuleValidator.Validate(rule, Aliases);
        Assert.Equal(["$.transform.keepDataFields[1]", "$.transform.keepDataFields[2]", "$.transform.keepDataFields[3]"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllOfThem()
    {
        RouteRule rule = Valid with { Name = "bad name", Filter = """{"a":[]}""", Destinations = ["nope"] };
        Assert.Equal(["$.name", "$.filter.a", "$.destinations[0]"], RouteRuleValidator.Validate(rule, Aliases).Select(e => e.Path));
    }

    private static RouteRuleError AssertSingleError(RouteRule rule, string path)
    {
        RouteRuleError error = Assert.Single(RouteRuleValidator.Validate(rule, Aliases));
        Assert.Equal(path, error.Path);
        Assert.Equal($"{path}: {error.Message}", error.ToString());
        return error;
    }
}
