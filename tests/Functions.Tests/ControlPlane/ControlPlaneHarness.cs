using Azure.Storage.Queues;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Http;
using KadoaBridge.Functions.Ingest;
using KadoaBridge.Functions.Tests.Ingest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Emulator = KadoaBridge.EventGridEmulator.EventGridEmulator;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>
/// The ingest harness (Functions services, Azurite, an Event Grid emulator with topics <c>changes</c> and <c>pricing</c>)
/// plus calls of the control-plane functions. Rules are fixed (none by default: everything goes to <c>changes</c>), so
/// rules other tests leave in the shared <c>Routes</c> table never route these events.
/// </summary>
internal sealed class ControlPlaneHarness : IAsyncDisposable
{
    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromSeconds(60);

    private readonly IngestHarness _ingest;

    private ControlPlaneHarness(IngestHarness ingest) => _ingest = ingest;

    public Emulator EventGrid => _ingest.EventGrid;

    public FunctionsTestHost Host => _ingest.Host;

    public static async Task<ControlPlaneHarness> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? extra = null, IReadOnlyList<RouteRule>? rules = null) =>
        new(await IngestHarness.StartAsync(azurite, extra, rules ?? []));

    public T Service<T>()
        where T : notnull => _ingest.Service<T>();

    /// <summary>Ingests each event as the ingest function would; every one must be processed.</summary>
    public async Task IngestAllAsync(IEnumerable<string> cloudEvents)
    {
        foreach (var cloudEvent in cloudEvents)
        {
            var result = await _ingest.IngestAsync(cloudEvent);
            Assert.True(result.Outcome == IngestOutcome.Processed, $"Ingest answered {result.Outcome}: {result.Reason}");
        }
    }

    public Task<HttpAnswer> ListAsync(IDictionary<string, string> query) =>
        CallAsync<ChangesFunctions>(FunctionsTestHost.Request("GET", "/api/changes", query: query), (f, r) => f.ListAsync(r, CancellationToken.None));

    public Task<HttpAnswer> GetChangeAsync(string workflowId, string changeId) =>
        CallAsync<ChangesFunctions>(
            FunctionsTestHost.Request("GET", $"/api/changes/{workflowId}/{changeId}"), (f, r) => f.GetAsync(r, workflowId, changeId, CancellationToken.None));

    public Task<HttpAnswer> BackfillAsync(string body, string? contentType = "application/json") =>
        CallAsync<BackfillFunctions>(FunctionsTestHost.Request("POST", "/api/backfill", body, contentType), (f, r) => f.StartAsync(r, CancellationToken.None));

    public Task<HttpAnswer> GetBackfillAsync(string id) =>
        CallAsync<BackfillFunctions>(FunctionsTestHost.Request("GET", "/api/backfill/" + id), (f, r) => f.GetAsync(r, id, CancellationToken.None));

    public Task<HttpAnswer> ReplayAsync(string body, string? contentType = "application/json") =>
        CallAsync<ReplayFunctions>(FunctionsTestHost.Request("POST", "/api/replay", body, contentType), (f, r) => f.StartAsync(r, CancellationToken.None));

    public Task<HttpAnswer> GetReplayAsync(string id) =>
        CallAsync<ReplayFunctions>(FunctionsTestHost.Request("GET", "/api/replay/" + id), (f, r) => f.GetAsync(r, id, CancellationToken.None));

    /// <summary>
    /// Does what the Functions host does for the replay queue trigger until job <paramref name="jobId"/> is no longer
    /// running: receive, invoke <see cref="ReplayWorkerFunction"/>, delete. Returns the job's <c>processed</c> after each step.
    /// </summary>
    public async Task<IReadOnlyList<long>> RunReplayWorkerAsync(string jobId)
    {
        var queue = Service<QueueServiceClient>().GetQueueClient(QueueNames.Replay);
        var worker = Host.Create<ReplayWorkerFunction>();
        var progress = new List<long>();
        var deadline = DateTime.UtcNow + WorkerTimeout;
        for (var round = 0; round < 1000; round++)
        {
            var job = await Service<ReplayService>().GetAsync(jobId, CancellationToken.None);
            Assert.NotNull(job);
            if (job.State != ReplayState.Running)
            {
                return progress;
            }

            var messages = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), CancellationToken.None)).Value;
            if (messages.Length == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Replay {jobId} is still running and no work item is queued after {WorkerTimeout}.");
                await Task.Delay(TimeSpan.FromMilliseconds(25)); // polling an empty queue, bounded by the deadline
                continue;
            }

            await worker.RunAsync(messages[0], CancellationToken.None);
            await queue.DeleteMessageAsync(messages[0].MessageId, messages[0].PopReceipt, CancellationToken.None);
            progress.Add((await Service<ReplayService>().GetAsync(jobId, CancellationToken.None))!.Processed);
        }

        throw new InvalidOperationException($"Replay {jobId} did not finish in 1000 work items.");
    }

    public Task<HttpAnswer> StatusAsync() =>
        CallAsync<StatusFunction>(FunctionsTestHost.Request("GET", "/api/status"), (f, r) => f.RunAsync(r, CancellationToken.None));

    public async ValueTask DisposeAsync() => await _ingest.DisposeAsync();

    private async Task<HttpAnswer> CallAsync<TFunction>(HttpRequest request, Func<TFunction, HttpRequest, Task<IActionResult>> call) =>
        await HttpAnswer.ExecuteAsync(await call(Host.Create<TFunction>(), request), request);
}
