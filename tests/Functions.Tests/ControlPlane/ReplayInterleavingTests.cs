using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using KadoaBridge.Core.ControlPlane;
using KadoaBridge.Core.Storage;
using KadoaBridge.Functions.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace KadoaBridge.Functions.Tests.ControlPlane;

/// <summary>Background replay under concurrent writes to its job row: it always completes, never stays <c>Running</c> unseen.</summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "Integration")]
public class ReplayInterleavingTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Day = new(2019, 9, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Worker B reads the job for page 1; before its conditional advance reaches storage, worker A (which queued page 1)
    /// writes its late "next page enqueued" mark. B's advance meets 412 although nobody advanced the job: it must
    /// re-read, see the job still at page 1 and advance it, not drop the page and leave the job running forever.
    /// </summary>
    [Fact]
    public async Task ReplayWorker_JobRowWrittenBetweenReadAndAdvance_AdvancesAndCompletes()
    {
        var settings = new Dictionary<string, string?> { ["Replay:InlineLimit"] = "2", ["Replay:PageSize"] = "2" };
        await using var harness = await ControlPlaneHarness.StartAsync(azurite, settings);
        var workflow = ChangeEvents.NewWorkflow("wf-interleave");
        await harness.IngestAllAsync(Enumerable.Range(0, 5).Select(i => ChangeEvents.DataChange(SampleEvents.NewId(), workflow, Day.AddMinutes(i))));
        var jobId = (string)(await harness.ReplayAsync($$"""{"workflowId":"{{workflow}}"}""")).AssertStatus(202).Json["id"]!;
        var replay = harness.Service<ReplayService>();
        Assert.Equal(2, (await replay.ProcessAsync(WorkItem(jobId, 0), CancellationToken.None))!.Processed);

        var statusTable = harness.Service<TableServiceClient>().GetTableClient(TableNames.Status);
        var lateMark = new BeforeConditionalUpdate(
            $"PartitionKey='{ReplayJobStore.Partition}',RowKey='{jobId}'",
            // What worker A's MarkEnqueuedAsync wrote: a merge of the flag, whatever the row's tag.
            ct => statusTable.UpdateEntityAsync(new TableEntity(ReplayJobStore.Partition, jobId) { ["NextEnqueued"] = true }, ETag.All, TableUpdateMode.Merge, ct));
        var options = new TableClientOptions();
        options.AddPolicy(lateMark, HttpPipelinePosition.PerCall);
        var workerB = ActivatorUtilities.CreateInstance<ReplayService>(
            harness.Host.Services, new ReplayJobStore(new TableServiceClient(azurite.ConnectionString, options)));

        var afterB = await workerB.ProcessAsync(WorkItem(jobId, 1), CancellationToken.None);

        Assert.True(lateMark.Fired, "The late mark was never interleaved.");
        Assert.Equal(4, afterB!.Processed);
        Assert.Equal(4, (await replay.GetAsync(jobId, CancellationToken.None))!.Processed);
        // The queue holds the original items for pages 0 and 1 (repeats now) and the one for page 2, which ends the job.
        Assert.Equal(5, (await harness.RunReplayWorkerAsync(jobId))[^1]);
        Assert.Equal(ReplayState.Completed, (await replay.GetAsync(jobId, CancellationToken.None))!.State);
    }

    private static byte[] WorkItem(string jobId, int page) =>
        JsonSerializer.SerializeToUtf8Bytes(new ReplayWorkItem(jobId, page), ControlPlaneJsonContext.Default.ReplayWorkItem);

    /// <summary>Runs <paramref name="interleave"/> once, just before the first conditional (If-Match with a tag) update of the row.</summary>
    private sealed class BeforeConditionalUpdate(string rowKeys, Func<CancellationToken, Task> interleave) : HttpPipelinePolicy
    {
        public bool Fired { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The replay worker writes asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (!Fired && message.Request.Method == RequestMethod.Put
                && Uri.UnescapeDataString(message.Request.Uri.Path).Contains(rowKeys, StringComparison.Ordinal)
                && message.Request.Headers.TryGetValue("If-Match", out var match) && match != "*")
            {
                Fired = true;
                await interleave(message.CancellationToken);
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
