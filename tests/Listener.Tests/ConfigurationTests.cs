using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Listener.Tests;

public class ConfigurationTests
{
    [Theory]
    [InlineData("Kadoa:ApiKey", "", "Kadoa__ApiKey")]
    [InlineData("EventGrid:TopicEndpoint", "", "EventGrid__TopicEndpoint")]
    [InlineData("Kadoa:RealtimeUrl", "https://realtime.kadoa.com", "Kadoa__RealtimeUrl")]
    [InlineData("Kadoa:HeartbeatTimeout", "-00:00:01", "Kadoa__HeartbeatTimeout")]
    [InlineData("EventGrid:TopicKey", "", "EventGrid__TopicKey")]
    [InlineData("Forwarding:IngressBudgetBytes", "100", "Forwarding__IngressBudgetBytes")]
    [InlineData("Storage:TableServiceUri", "https://acct.table.core.windows.net", "Storage__BlobServiceUri")]
    public async Task Start_InvalidSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "k",
            ["EventGrid:TopicEndpoint"] = "http://127.0.0.1:9/topics/ingress/api/events",
            ["EventGrid:TopicKey"] = "key",
            ["Storage:ConnectionString"] = "",
            ["urls"] = "http://127.0.0.1:0",
            [key] = value,
        };
        var app = ListenerApp.Create([], builder => builder.Configuration.AddInMemoryCollection(settings));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }
}
