using System.Text;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing.Store;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Tests.Routing;

/// <summary>
/// The Functions app's services against Azurite and an Event Grid emulator with three destination topics. The
/// <c>Routes</c> table is shared by every test of the collection (which runs serially), so the harness removes all
/// rules when it starts and when it is disposed: other tests see no rules.
/// </summary>
internal sealed class RoutingHarness : IAsyncDisposable
{
    public const string Changes = "changes";
    public const string Pricing = "pricing";
    public const string Audit = "audit";

    private RoutingHarness(EventGridEmulator.EventGridEmulator eventGrid, FunctionsTestHost host)
    {
        EventGrid = eventGrid;
        Host = host;
    }

    public EventGridEmulator.EventGridEmulator EventGrid { get; }

    public FunctionsTestHost Host { get; }

    public RouteStore Store => Service<RouteStore>();

    /// <param name="defaultDestination">Where unmatched events go; null drops them.</param>
    /// <param name="refreshInterval">Routing:RulesRefreshInterval; null keeps the production default (5 s).</param>
    public static async Task<RoutingHarness> StartAsync(AzuriteFixture azurite, string? defaultDestination = Changes, TimeSpan? refreshInterval = null)
    {
        var options = new EventGridEmulatorOptions();
        foreach (var topic in new[] { Changes, Pricing, Audit })
        {
            options.Topics.Add(new TopicOptions { Name = topic, Key = topic + "-key" });
        }

        var eventGrid = await EventGridEmulator.EventGridEmulator.StartAsync(options);
        var settings = new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "unused-in-routing",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Routing:DefaultDestination"] = defaultDestination,
            ["Routing:RedriveBaseDelay"] = "00:10:00",
            ["Routing:RedriveMaxDelay"] = "01:00:00",
        };
        foreach (var topic in new[] { Changes, Pricing, Audit })
        {
            settings[$"Routing:Destinations:{topic}:Endpoint"] = eventGrid.GetTopicEndpoint(topic).AbsoluteUri;
            settings[$"Routing:Destinations:{topic}:Key"] = topic + "-key";
        }

        if (refreshInterval is { } interval)
        {
            settings["Routing:RulesRefreshInterval"] = interval.ToString("c");
        }

        var host = new FunctionsTestHost(settings);
        var harness = new RoutingHarness(eventGrid, host);
        await harness.Service<StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        await harness.ClearRulesAsync();
        return harness;
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public Task<IngestResult> IngestAsync(string cloudEvent) =>
        Service<IngestService>().IngestAsync(Encoding.UTF8.GetBytes(cloudEvent), CancellationToken.None);

    public Task<RouteAnswer> ListAsync() =>
        CallAsync(FunctionsTestHost.Request("GET", "/api/routes"), (f, r) => f.ListAsync(r, CancellationToken.None));

    public Task<RouteAnswer> GetAsync(string name) =>
        CallAsync(FunctionsTestHost.Request("GET", "/api/routes/" + name), (f, r) => f.GetAsync(r, name, CancellationToken.None));

    public Task<RouteAnswer> PutAsync(string name, string body, IDictionary<string, string>? headers = null, string? contentType = "application/json") =>
        CallAsync(FunctionsTestHost.Request("PUT", "/api/routes/" + name, body, contentType, headers: headers), (f, r) => f.PutAsync(r, name, CancellationToken.None));

    public Task<RouteAnswer> DeleteAsync(string name, IDictionary<string, string>? headers = null) =>
        CallAsync(FunctionsTestHost.Request("DELETE", "/api/routes/" + name, headers: headers), (f, r) => f.DeleteAsync(r, name, CancellationToken.None));

    public Task<RouteAnswer> TestAsync(string body, string? contentType = "application/json") =>
        CallAsync(FunctionsTestHost.Request("POST", "/api/routes/test", body, contentType), (f, r) => f.TestAsync(r, CancellationToken.None));

    /// <summary>Stores a rule through the API and returns its ETag.</summary>
    public async Task<string> PutRuleAsync(string name, string body)
    {
        var answer = await PutAsync(name, body);
        Assert.True(answer.Status is 200 or 201, $"PUT {name} answered {answer.Status}: {answer.Body}");
        return answer.ETag!;
    }

    public async Task ClearRulesAsync()
    {
        foreach (var stored in await Store.ListAsync(CancellationToken.None))
        {
            await Store.DeleteAsync(stored.Rule.Name, RoutePrecondition.None, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ClearRulesAsync();
        }
        finally
        {
            await Host.DisposeAsync();
            await EventGrid.DisposeAsync();
        }
    }

    private async Task<RouteAnswer> CallAsync(HttpRequest request, Func<RoutesFunctions, HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call) =>
        await RouteAnswer.FromAsync(await call(Host.Create<RoutesFunctions>(), request), request);
}
