using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Tests.Storage;

/// <summary><c>Retention__*</c> is bound with ingest, defaults documented, and a bad value fails naming the setting.</summary>
public class RetentionOptionsTests
{
    [Fact]
    public void Options_NothingSet_DedupeThirtyDaysStatusSevenDays()
    {
        var options = Resolve(new Dictionary<string, string?>());

        Assert.Equal(TimeSpan.FromDays(30), options.Dedupe);
        Assert.Equal(TimeSpan.FromDays(7), options.Status);
    }

    [Fact]
    public void Options_Set_Bound()
    {
        var options = Resolve(new Dictionary<string, string?> { ["Retention:DedupeDays"] = "1", ["Retention:StatusDays"] = "3650" });

        Assert.Equal(1, options.DedupeDays);
        Assert.Equal(3650, options.StatusDays);
    }

    [Theory]
    [InlineData("Retention:DedupeDays", "0", "Retention__DedupeDays")]
    [InlineData("Retention:DedupeDays", "3651", "Retention__DedupeDays")]
    [InlineData("Retention:StatusDays", "-1", "Retention__StatusDays")]
    public void Options_OutOfRange_FailsNamingTheSetting(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static RetentionOptions Resolve(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        using var services = builder.AddIngest().Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<RetentionOptions>>().Value;
    }
}
