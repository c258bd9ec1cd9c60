using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.LocalRun.Tests;

/// <summary>The local run end to end: simulator → listener → ingress topic → queue → ingest → changes topic, and the Functions API.</summary>
[Collection(LocalRunCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LocalRunTests(LocalRunFixture run) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private LocalBridge Bridge => run.Bridge;

    [Fact]
    public async Task LocalRun_SimulatorEvents_ReachChangesTopicAndArePrinted()
    {
        var kadoa = Bridge.Kadoa!;
        await Wait.UntilAsync(() => kadoa.Log.Count(e => e.ChangeId is not null) >= 5, Timeout, "the simulator emitted 5 changes");
        var emitted = kadoa.Log.Where(e => e.ChangeId is not null).Take(5).Select(e => e.ChangeId!).ToList();

        await Wait.UntilAsync(() => emitted.All(Bridge.EventGrid.GetAcceptedIdCounts(LocalBridge.ChangesTopic).ContainsKey), Timeout, "the emitted changes reach the changes topic");

        Assert.All(emitted, id => Assert.Equal(1, Bridge.EventGrid.GetAcceptedIdCounts(LocalBridge.ChangesTopic)[id]));
        await Wait.UntilAsync(() => run.Output.Contains($"ingest→changes Kadoa.Workflow.DataChanged {emitted[0]} workflows/", StringComparison.Ordinal), Timeout, "the delivery is printed");
        Assert.Contains($"kadoa→ingress  Kadoa.Workflow.DataChanged {emitted[0]} workflows/", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionsHost_HealthAndChanges_AnswerThroughReflectedRoutes()
    {
        using var health = await _http.GetAsync(new Uri(Bridge.FunctionsApiUrl!, "health"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("alive", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        await Wait.UntilAsync(() => Bridge.EventGrid.GetAccepted(LocalBridge.ChangesTopic).Count > 0, Timeout, "a change was ingested");
        var ingested = Bridge.EventGrid.GetAccepted(LocalBridge.ChangesTopic)[0];
        var workflowId = ingested.Subject!.Split('/')[1];
        await Wait.UntilAsync(
            async () =>
            {
                using var changes = await _http.GetAsync(new Uri(Bridge.FunctionsApiUrl!, $"changes?workflowId={workflowId}&pageSize=200"));
                Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
                var items = JsonDocument.Parse(await changes.Content.ReadAsStringAsync()).RootElement.GetProperty("items");
                return items.EnumerateArray().Any(item => item.GetProperty("id").GetString() == ingested.Id);
            },
            Timeout,
            "GET /api/changes lists the ingested change");

        // A route with values bound by parameter name: /api/changes/{workflowId}/{changeId}.
        using var one = await _http.GetAsync(new Uri(Bridge.FunctionsApiUrl!, $"changes/{workflowId}/{ingested.Id}"));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(ingested.Id, JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        using var missing = await _http.GetAsync(new Uri(Bridge.FunctionsApiUrl!, $"changes/{workflowId}/chg-unknown"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.5", problem.GetProperty("type").GetString());
        Assert.Equal($"/api/changes/{workflowId}/chg-unknown", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }

    [Fact]
    public async Task IngestQueueTrigger_MessageFailingEveryAttempt_EndsInPoisonQueue()
    {
        // The event's dedupe row is corrupt (its lease time is text): every attempt fails reading it and the host retries
        // the message until it gives up. (A copy of an event another instance holds is handed back, not failed.)
        var id = "chg-poison-" + Guid.NewGuid().ToString("N");
        var dedupe = Bridge.Functions!.Services.GetRequiredService<DedupeStore>();
        Assert.Equal(DedupeOutcome.Claimed, (await dedupe.ClaimAsync(id, new ChangeLocation("wf-poison", DateTimeOffset.UtcNow, id), timeFromEvent: false, CancellationToken.None)).Outcome);
        var dedupeTable = new TableClient(Bridge.StorageConnectionString, TableNames.Dedupe);
        var row = await dedupeTable.QueryAsync<TableEntity>(e => e.RowKey == id, select: ["PartitionKey", "RowKey"]).SingleAsync();
        await dedupeTable.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["LeaseUntil"] = "not a time" }, Azure.ETag.All, TableUpdateMode.Merge);
        var ingress = new QueueClient(Bridge.StorageConnectionString, QueueNames.Ingress, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var poison = new QueueClient(Bridge.StorageConnectionString, QueueNames.IngressPoison, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var cloudEvent = $$$"""{"specversion":"1.0","id":"{{{id}}}","type":"Kadoa.Workflow.DataChanged","source":"https://www.kadoa.com/workflow/wf-poison","subject":"workflows/wf-poison/changes/{{{id}}}","data":{}}""";

        var sent = (await ingress.SendMessageAsync(cloudEvent)).Value;

        await Wait.UntilAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(id, StringComparison.Ordinal)),
            Timeout,
            "the message is in ingress-poison");
        Assert.DoesNotContain((await ingress.PeekMessagesAsync(32)).Value, m => m.MessageId == sent.MessageId);
        var failures = Bridge.Functions!.Services.GetRequiredService<IngestFailureStore>();
        var recorded = (await failures.ListAsync(1_000, CancellationToken.None)).Single(f => f.MessageId == sent.MessageId);
        Assert.True(recorded.Poisoned);
        Assert.Contains(nameof(InvalidOperationException), recorded.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _http.Dispose();
}
