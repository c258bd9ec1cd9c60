using KadoaBridge.Core.Routing;

namespace KadoaBridge.Core.Tests.Routing;

/// <summary>The apps hold the template's alias rule (infra/main.bicep): letters and digits, at most 31.</summary>
public sealed class RoutingOptionsValidatorTests
{
    [Theory]
    [InlineData("changes")]
    [InlineData("Prices2")]
    [InlineData("aaaaaaaaaabbbbbbbbbbccccccccccd")]
    public void Validate_LettersAndDigitsUpTo31_Passes(string alias) =>
        Assert.True(new RoutingOptionsValidator().Validate(null, With(alias)).Succeeded);

    [Theory]
    [InlineData("price-changes")]
    [InlineData("price_changes")]
    [InlineData("price.changes")]
    [InlineData("aaaaaaaaaabbbbbbbbbbccccccccccdd")]
    public void Validate_OtherAlias_FailsNamingTheSettingAndTheRule(string alias)
    {
        var result = new RoutingOptionsValidator().Validate(null, With(alias));

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Routing__Destinations__{alias}:", failure, StringComparison.Ordinal);
        Assert.Contains("1-31 letters and digits", failure, StringComparison.Ordinal);
    }

    private static RoutingOptions With(string alias)
    {
        var options = new RoutingOptions();
        options.Destinations[alias] = new DestinationOptions { Endpoint = new Uri("https://topic.example/api/events") };
        return options;
    }
}
