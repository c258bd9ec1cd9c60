using System.Text;
using KadoaBridge.Core;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using KadoaBridge.EventGridEmulator;
using Microsoft.Extensions.DependencyInjection;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;

namespace KadoaBridge.Functions.Tests.Ingest;

/// <summary>The Functions app's services against Azurite and an Event Grid emulator with two destination topics.</summary>
public sealed class IngestHarness : IAsyncDisposable
{
    public const string Changes = "changes";
    public const string Pricing = "pricing";

    private IngestHarness(Emulator eventGrid, FunctionsTestHost host, string storage)
    {
        EventGrid = eventGrid;
        Host = host;
        StorageConnectionString = storage;
    }

    public Emulator EventGrid { get; }

    public FunctionsTestHost Host { get; }

    public string StorageConnectionString { get; }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    /// <param name="rules">Fixed routing rules (the rules API has its own tests); none: everything goes to the default destination.</param>
    /// <param name="configure">Replaces services after the app's own (a clock, a storage client with a test policy).</param>
    public static async Task<IngestHarness> StartAsync(
        AzuriteFixture azurite, IDictionary<string, string?>? extra = null, IReadOnlyList<RouteRule>? rules = null, Action<IServiceCollection>? configure = null)
    {
        var options = new EventGridEmulatorOptions();
        options.Topics.Add(new TopicOptions { Name = Changes, Key = "changes-key" });
        options.Topics.Add(new TopicOptions { Name = Pricing, Key = "pricing-key" });
        var eventGrid = await Emulator.StartAsync(options);
        var settings = new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = "unused-in-ingest",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Routing:Destinations:changes:Endpoint"] = eventGrid.GetTopicEndpoint(Changes).AbsoluteUri,
            ["Routing:Destinations:changes:Key"] = "changes-key",
            ["Routing:Destinations:pricing:Endpoint"] = eventGrid.GetTopicEndpoint(Pricing).AbsoluteUri,
            ["Routing:Destinations:pricing:Key"] = "pricing-key",
            ["Routing:DefaultDestination"] = Changes,
            ["Routing:RedriveBaseDelay"] = "00:00:00.001",
            ["Routing:RedriveMaxDelay"] = "00:00:00.001",
            ["Routing:MaxDeliveryAttempts"] = "3",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new FunctionsTestHost(settings, services =>
        {
            if (rules is not null)
            {
                services.AddSingleton<IRouteRuleSource>(new FixedRules(rules));
            }

            configure?.Invoke(services);
        });
        await host.Services.GetRequiredService<Core.Storage.StorageBootstrap>().EnsureCreatedAsync(CancellationToken.None);
        return new IngestHarness(eventGrid, host, azurite.ConnectionString);
    }

    public Task<IngestResult> IngestAsync(string cloudEvent) =>
        Service<IngestService>().IngestAsync(Encoding.UTF8.GetBytes(cloudEvent), CancellationToken.None);

    /// <summary>Ingests on another instance sharing this one's storage and topics: nothing in memory, only the durable dedupe.</summary>
    public async Task<IngestResult> IngestOnAnotherInstanceAsync(string cloudEvent)
    {
        var recentlyDone = new RecentIds(IngestService.RecentlyDoneCapacity);
        var other = ActivatorUtilities.CreateInstance<IngestService>(Host.Services, recentlyDone);
        return await other.IngestAsync(Encoding.UTF8.GetBytes(cloudEvent), CancellationToken.None);
    }

    private sealed class FixedRules(IReadOnlyList<RouteRule> rules) : IRouteRuleSource
    {
        public Task<(string Version, IReadOnlyList<RouteRule> Rules)> LoadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(("fixed", rules));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await EventGrid.DisposeAsync();
    }
}
