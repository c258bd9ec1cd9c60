using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using KadoaBridge.EventGridEmulator;
using KadoaBridge.Functions.Http;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.Functions.Tests.ControlPlane;
using KadoaBridge.Functions.Tests.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;

namespace KadoaBridge.Functions.Tests.Recovery;

/// <summary>
/// The ingest harness on an Azurite of its own (the poison and dead-letter containers, the poison queue and the
/// quarantine are global, so counts and recovery calls must see only this test's items), every event routed to both
/// destination topics, plus: the Functions host's queue-trigger behaviour (retries, then the poison queue), the recovery
/// and status functions, and an ingress topic whose subscription dead-letters into container <c>deadletters</c>.
/// </summary>
internal sealed class RecoveryHarness : IAsyncDisposable
{
    public const string IngressSubscription = "ingress-to-queue";

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private readonly AzuriteFixture _azurite;
    private readonly IngestHarness _ingest;
    private Emulator? _ingressTopic;

    private RecoveryHarness(AzuriteFixture azurite, IngestHarness ingest)
    {
        _azurite = azurite;
        _ingest = ingest;
    }

    /// <summary>The destination topics <c>changes</c> and <c>pricing</c>; every event goes to both.</summary>
    public Emulator Destinations => _ingest.EventGrid;

    public FunctionsTestHost Host => _ingest.Host;

    public string StorageConnectionString => _azurite.ConnectionString;

    public BlobContainerClient DeadLetters => new(StorageConnectionString, ContainerNames.IngressDeadLetters);

    public BlobContainerClient PoisonCopies => new(StorageConnectionString, ContainerNames.Poison);

    public static async Task<RecoveryHarness> StartAsync()
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var both = new RouteRule { Name = "both", Destinations = [IngestHarness.Changes, IngestHarness.Pricing] };
            return new RecoveryHarness(azurite, await IngestHarness.StartAsync(azurite, rules: [both]));
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public T Service<T>()
        where T : notnull => _ingest.Service<T>();

    public QueueClient Queue(string name) =>
        new(StorageConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    /// <summary>How many times each destination topic accepted <paramref name="id"/> (0 when never).</summary>
    public (int Changes, int Pricing) Arrivals(string id) =>
        (Destinations.GetAcceptedIdCounts(IngestHarness.Changes).GetValueOrDefault(id), Destinations.GetAcceptedIdCounts(IngestHarness.Pricing).GetValueOrDefault(id));

    /// <summary>Drops table <c>Dedupe</c>: every ingest attempt fails at its claim, before anything is published (a storage fault).</summary>
    public async Task BreakDedupeAsync() => await new TableClient(StorageConnectionString, TableNames.Dedupe).DeleteAsync();

    public Task RestoreDedupeAsync() => AzuriteTables.RecreateAsync(new TableClient(StorageConnectionString, TableNames.Dedupe), DrainTimeout);

    /// <summary>Runs <see cref="IngestFunction"/> on queue <c>ingress</c> until it is empty.</summary>
    public Task<int> DrainIngressAsync()
    {
        var function = Host.Create<IngestFunction>();
        return DrainAsync(QueueNames.Ingress, function.RunAsync);
    }

    /// <summary>Runs <see cref="PoisonFunction"/> on queue <c>ingress-poison</c> until it is empty.</summary>
    public Task<int> DrainPoisonAsync()
    {
        var function = Host.Create<PoisonFunction>();
        return DrainAsync(QueueNames.IngressPoison, function.RunAsync);
    }

    /// <summary>Runs <paramref name="function"/> on queue <paramref name="queueName"/> as the host would, until the queue is empty.</summary>
    public Task<int> DrainAsync(string queueName, Func<QueueMessage, CancellationToken, Task> function) =>
        HostQueueTrigger.DrainAsync(Queue(queueName), Queue(queueName + "-poison"), function, DrainTimeout);

    /// <summary>
    /// Starts an ingress topic whose subscription delivers into queue <c>ingress</c> and dead-letters into container
    /// <c>deadletters</c>, like infra's. <paramref name="queueRefuses"/>: the queue answers 403 (a wrong key), which
    /// Event Grid does not retry, so every event is dead-lettered at once.
    /// </summary>
    public async Task<Emulator> StartIngressTopicAsync(bool queueRefuses)
    {
        var options = new EventGridEmulatorOptions();
        options.Topics.Add(new TopicOptions { Name = "ingress", Key = "ingress-key" });
        _ingressTopic = await Emulator.StartAsync(options);
        var queueAccount = queueRefuses
            ? string.Join(';', StorageConnectionString.Split(';').Select(p => p.StartsWith("AccountKey=", StringComparison.Ordinal) ? "AccountKey=" + Convert.ToBase64String(new byte[64]) : p))
            : StorageConnectionString;
        _ingressTopic.AddSubscription("ingress", new SubscriptionOptions
        {
            Name = IngressSubscription,
            StorageQueue = new StorageQueueDestination(queueAccount, QueueNames.Ingress),
            DeadLetterBlob = new DeadLetterBlobDestination(StorageConnectionString, ContainerNames.IngressDeadLetters),
            InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        });
        return _ingressTopic;
    }

    /// <summary>Publishes CloudEvents JSON to the ingress topic as the listener does.</summary>
    public async Task PublishToIngressAsync(params string[] cloudEvents)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var content = new StringContent("[" + string.Join(',', cloudEvents) + "]", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents-batch+json; charset=utf-8");
        using var request = new HttpRequestMessage(HttpMethod.Post, _ingressTopic!.GetTopicEndpoint("ingress") + "?api-version=2018-01-01") { Content = content };
        request.Headers.Add("aeg-sas-key", _ingressTopic.GetTopicKey("ingress"));
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"The ingress topic answered {(int)response.StatusCode}.");
    }

    public Task<HttpAnswer> StatusAsync() =>
        CallAsync<StatusFunction>(FunctionsTestHost.Request("GET", "/api/status"), (f, r) => f.RunAsync(r, CancellationToken.None));

    public Task<HttpAnswer> RequeuePoisonAsync(IDictionary<string, string>? query = null, string? body = null, string? contentType = "application/json") =>
        CallAsync<RecoveryFunctions>(FunctionsTestHost.Request("POST", "/api/recovery/poison", body, contentType, query), (f, r) => f.RequeuePoisonAsync(r, CancellationToken.None));

    public Task<HttpAnswer> RequeueDeadLettersAsync(IDictionary<string, string>? query = null, string? body = null) =>
        CallAsync<RecoveryFunctions>(
            FunctionsTestHost.Request("POST", "/api/recovery/ingress-deadletters", body, query: query), (f, r) => f.RequeueDeadLettersAsync(r, CancellationToken.None));

    public Task<HttpAnswer> ListPoisonAsync(IDictionary<string, string>? query = null) =>
        CallAsync<RecoveryFunctions>(FunctionsTestHost.Request("GET", "/api/recovery/poison", query: query), (f, r) => f.ListPoisonAsync(r, CancellationToken.None));

    public Task<HttpAnswer> DiscardPoisonAsync(string messageId) =>
        CallAsync<RecoveryFunctions>(
            FunctionsTestHost.Request("DELETE", "/api/recovery/poison/" + messageId), (f, r) => f.DiscardPoisonAsync(r, messageId, CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        if (_ingressTopic is not null)
        {
            await _ingressTopic.DisposeAsync();
        }

        await _ingest.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private async Task<HttpAnswer> CallAsync<TFunction>(HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> call) =>
        await HttpAnswer.ExecuteAsync(await call(Host.Create<TFunction>(), request), request);
}
