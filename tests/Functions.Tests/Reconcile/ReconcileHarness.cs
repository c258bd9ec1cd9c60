using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Http;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.Functions.Tests.ControlPlane;
using KadoaBridge.Functions.Tests.Ingest;
using KadoaBridge.Functions.Tests.Recovery;
using KadoaBridge.KadoaSimulator;
using KadoaBridge.Listener;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;
using Simulator = KadoaBridge.KadoaSimulator.KadoaSimulator;

namespace KadoaBridge.Functions.Tests.Reconcile;

/// <summary>
/// The whole pipeline on an Azurite of its own (queues <c>ingress</c>, <c>backfill</c> and <c>enrich</c> are global):
/// the Kadoa simulator (realtime feed and REST record), a listener that can be stopped and started again, the ingress
/// topic delivering into queue <c>ingress</c> (the real queue hop), and the Functions app with every event routed to
/// both destination topics (<c>changes</c>, <c>pricing</c>). <see cref="PumpUntilAsync"/> runs the queue-triggered
/// functions as the host does until a condition holds.
/// </summary>
internal sealed class ReconcileHarness : IAsyncDisposable
{
    private static readonly TimeSpan PumpIdle = TimeSpan.FromMilliseconds(100);

    private readonly AzuriteFixture _azurite;
    private readonly IngestHarness _ingest;
    private readonly Emulator _ingressTopic;
    private WebApplication? _listener;

    private ReconcileHarness(AzuriteFixture azurite, IngestHarness ingest, Emulator ingressTopic, Simulator kadoa)
    {
        _azurite = azurite;
        _ingest = ingest;
        _ingressTopic = ingressTopic;
        Kadoa = kadoa;
    }

    public Simulator Kadoa { get; }

    public FunctionsTestHost Host => _ingest.Host;

    public static async Task<ReconcileHarness> StartAsync(KadoaSimulatorOptions? kadoaOptions = null, IDictionary<string, string?>? settings = null)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var kadoa = await Simulator.StartAsync(kadoaOptions ?? new KadoaSimulatorOptions());
        var topics = new EventGridEmulatorOptions();
        topics.Topics.Add(new TopicOptions { Name = "ingress", Key = "ingress-key" });
        var ingressTopic = await Emulator.StartAsync(topics);
        ingressTopic.AddSubscription("ingress", new SubscriptionOptions
        {
            Name = "ingress-to-queue",
            StorageQueue = new StorageQueueDestination(azurite.ConnectionString, QueueNames.Ingress),
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
        });
        var extra = new Dictionary<string, string?>
        {
            ["Kadoa:ApiKey"] = kadoa.ApiKeyAccepted,
            ["Kadoa:ApiBaseUrl"] = kadoa.ApiBaseUrl.AbsoluteUri,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            extra[key] = value;
        }

        var both = new RouteRule { Name = "both", Destinations = [IngestHarness.Changes, IngestHarness.Pricing] };
        var ingest = await IngestHarness.StartAsync(azurite, extra, [both]);
        return new ReconcileHarness(azurite, ingest, ingressTopic, kadoa);
    }

    /// <summary>How many times each destination topic accepted <paramref name="id"/>.</summary>
    public (int Changes, int Pricing) Arrivals(string id) =>
        (_ingest.EventGrid.GetAcceptedIdCounts(IngestHarness.Changes).GetValueOrDefault(id), _ingest.EventGrid.GetAcceptedIdCounts(IngestHarness.Pricing).GetValueOrDefault(id));

    /// <summary>The events the <c>changes</c> topic accepted with id <paramref name="id"/>.</summary>
    public IReadOnlyList<AcceptedEvent> Delivered(string id) => [.. _ingest.EventGrid.GetAccepted(IngestHarness.Changes).Where(a => a.Id == id)];

    /// <summary>True when every id reached both destinations.</summary>
    public bool AllArrived(IEnumerable<string> ids) => ids.All(id => Arrivals(id) is ( > 0, > 0));

    /// <summary>Starts a listener (again): it resumes from the checkpoint its predecessor left.</summary>
    public async Task StartListenerAsync()
    {
        var listener = ListenerApp.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kadoa:ApiKey"] = Kadoa.ApiKeyAccepted,
                ["Kadoa:ApiBaseUrl"] = Kadoa.ApiBaseUrl.AbsoluteUri,
                ["Kadoa:RealtimeUrl"] = Kadoa.RealtimeUrl.AbsoluteUri,
                ["Kadoa:RealtimeHttpUrl"] = Kadoa.RealtimeHttpUrl.AbsoluteUri,
                ["Kadoa:ReconnectMinDelay"] = "00:00:00.050",
                ["Storage:ConnectionString"] = _azurite.ConnectionString,
                ["EventGrid:TopicEndpoint"] = _ingressTopic.GetTopicEndpoint("ingress").AbsoluteUri,
                ["EventGrid:TopicKey"] = "ingress-key",
                ["urls"] = "http://127.0.0.1:0",
            });
            builder.Logging.ClearProviders();
        });
        await listener.StartAsync();
        _listener = listener;
    }

    public async Task StopListenerAsync()
    {
        if (_listener is { } listener)
        {
            _listener = null;
            await listener.StopAsync();
            await listener.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs ingest, the backfill worker and the enrichment function on their queues, as the host does, until
    /// <paramref name="condition"/> holds; fails after <paramref name="timeout"/>. Bounded in rounds and time.
    /// </summary>
    public async Task PumpUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var ingest = Host.Create<IngestFunction>();
        var backfill = Host.Create<BackfillWorkerFunction>();
        var enrich = Host.Create<EnrichFunction>();
        var deadline = DateTime.UtcNow + timeout;
        for (var round = 0; round < 10_000; round++)
        {
            await DrainAsync(QueueNames.Ingress, ingest.RunAsync);
            await DrainAsync(QueueNames.Backfill, backfill.RunAsync);
            await DrainAsync(QueueNames.Enrich, enrich.RunAsync);
            if (condition())
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout} waiting until {what}.");
            await Task.Delay(PumpIdle);
        }

        Assert.Fail($"Not done in 10,000 rounds: {what}.");
    }

    public Task<HttpAnswer> StartBackfillAsync(string body) =>
        CallAsync<BackfillFunctions>(FunctionsTestHost.Request("POST", "/api/backfill", body), (f, r) => f.StartAsync(r, CancellationToken.None));

    public Task<HttpAnswer> GetBackfillAsync(string id) =>
        CallAsync<BackfillFunctions>(FunctionsTestHost.Request("GET", "/api/backfill/" + id), (f, r) => f.GetAsync(r, id, CancellationToken.None));

    public Task<HttpAnswer> SetupAsync(string body) =>
        CallAsync<SetupFunctions>(FunctionsTestHost.Request("POST", "/api/setup", body), (f, r) => f.ApplyAsync(r, CancellationToken.None));

    public Task<HttpAnswer> StatusAsync() =>
        CallAsync<StatusFunction>(FunctionsTestHost.Request("GET", "/api/status"), (f, r) => f.RunAsync(r, CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        await StopListenerAsync();
        await _ingressTopic.DisposeAsync();
        await _ingest.DisposeAsync();
        await Kadoa.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private Task<int> DrainAsync(string queueName, Func<QueueMessage, CancellationToken, Task> function) =>
        HostQueueTrigger.DrainAsync(Queue(queueName), Queue(queueName + "-poison"), function, TimeSpan.FromSeconds(60));

    private QueueClient Queue(string name) =>
        new(_azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    private async Task<HttpAnswer> CallAsync<TFunction>(HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> call) =>
        await HttpAnswer.ExecuteAsync(await call(Host.Create<TFunction>(), request), request);
}
