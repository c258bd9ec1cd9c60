using System.Text.Json;
using Azure.Storage.Queues;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa.Provisioning;
using KadoaBridge.Core.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// <c>POST /api/backfill</c>: pages through Kadoa's record of changes for a range and sends those history lacks into
/// ingest. It always runs in the background: the request creates the job and queues its first work item (queue
/// <c>backfill</c>); each work item reads up to <see cref="ReconcileOptions.PagesPerWorkItem"/> pages, checkpointing
/// the job after each, then queues the next. The job row is the only position, so a retried or repeated work item
/// resumes where the job stands and a stale one changes nothing.
/// </summary>
public sealed partial class BackfillService(
    BackfillJobStore jobs,
    ReconcileStore store,
    ChangeReconciler reconciler,
    ProvisioningRecordStore provisioning,
    QueueServiceClient queues,
    ReconcileMetrics metrics,
    IOptions<ReconcileOptions> options,
    TimeProvider time,
    ILogger<BackfillService> logger)
{
    /// <summary>The queue of backfill work items (and <c>backfill-poison</c>).</summary>
    public const string QueueName = Storage.QueueNames.Backfill;

    /// <summary>How long a work item waits before trying a workflow another reconciliation holds.</summary>
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly QueueClient _queue = queues.GetQueueClient(QueueName);

    /// <summary>The rules that need configuration and the clock: the range, and at least one workflow.</summary>
    public async Task<(BackfillRequest? Request, InputError? Error)> ValidateAsync(BackfillRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var to = request.To ?? now;
        if (to > now + TimeSpan.FromMinutes(5))
        {
            return (null, new InputError("to", "The end of the range is in the future; leave it out for now."));
        }

        if (request.From >= to)
        {
            return (null, new InputError("from", "from must be earlier than to (or than now, when to is left out)."));
        }

        var maximum = options.Value.MaxBackfillRange;
        if (to - request.From > maximum)
        {
            return (null, new InputError("from", $"The range is longer than {maximum.TotalDays:0.##} days (Reconcile__MaxBackfillRange); split it into several backfills."));
        }

        var workflows = request.WorkflowIds ?? await SetUpWorkflows.ReadAsync(provisioning, cancellationToken);
        return workflows.Count == 0
            ? (null, new InputError("workflowIds", "No workflow is set up for workflow_data_change through /api/setup: name the workflows."))
            : (request with { WorkflowIds = workflows, To = to }, null);
    }

    /// <summary>Creates the job for a validated request and queues its first work item.</summary>
    public async Task<BackfillJob> StartAsync(BackfillRequest validated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validated);
        var now = time.GetUtcNow();
        var job = new BackfillJob(
            Guid.NewGuid().ToString("N"), BackfillState.Running, validated.WorkflowIds!, validated.From, validated.To!.Value, 0, 0, 0, null, now, now, null);
        await jobs.CreateAsync(job, cancellationToken);
        await EnqueueAsync(job.Id, TimeSpan.Zero, cancellationToken);
        Log.BackfillStarted(logger, job.Id, job.WorkflowIds.Count, job.From, job.To);
        return job;
    }

    public async Task<BackfillJob?> GetAsync(string id, CancellationToken cancellationToken) => (await jobs.GetAsync(id, cancellationToken))?.Job;

    /// <summary>
    /// Handles one work item: up to <see cref="ReconcileOptions.PagesPerWorkItem"/> pages from where the job stands, each
    /// checkpointed (ETag-guarded: a work item that finds the job moved on stops), then the next work item. Kadoa and
    /// storage failures throw, so the queue retries the item from the last checkpoint.
    /// </summary>
    public async Task<BackfillJob?> ProcessAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (ReadJobId(message) is not { } jobId)
        {
            Log.BackfillItemUnreadable(logger, message.Length);
            return null;
        }

        var cursor = await jobs.GetAsync(jobId, cancellationToken);
        var holder = "backfill-" + jobId;
        for (var page = 0; cursor is { Job.State: BackfillState.Running } && page < options.Value.PagesPerWorkItem; page++)
        {
            var job = cursor.Job;
            var workflowId = job.WorkflowIds[cursor.WorkflowIndex];
            if (!await store.TryLeaseAsync(workflowId, holder, time.GetUtcNow(), time.GetUtcNow() + Lease, cancellationToken))
            {
                Log.ReconcileBusy(logger, workflowId);
                await EnqueueAsync(jobId, BusyRetry, cancellationToken);
                return job;
            }

            var read = await reconciler.ReconcilePageAsync(workflowId, job.From, job.To, cursor.Skip, cancellationToken);
            var lastOfWorkflow = read.Next is null;
            var done = lastOfWorkflow && cursor.WorkflowIndex + 1 == job.WorkflowIds.Count;
            var now = time.GetUtcNow();
            var advanced = cursor with
            {
                Job = job with
                {
                    State = done ? BackfillState.Completed : BackfillState.Running,
                    Found = job.Found + read.Tally.Found,
                    Missing = job.Missing + read.Tally.Missing,
                    Pages = job.Pages + 1,
                    UpdatedAt = now,
                    CompletedAt = done ? now : null,
                },
                WorkflowIndex = lastOfWorkflow ? cursor.WorkflowIndex + 1 : cursor.WorkflowIndex,
                Skip = read.Next ?? 0,
            };
            if (!await jobs.TryUpdateAsync(advanced, cancellationToken))
            {
                return (await jobs.GetAsync(jobId, cancellationToken))?.Job; // another work item moved the job on
            }

            metrics.OnBackfill(read.Tally.Missing);
            if (lastOfWorkflow)
            {
                await store.ReleaseAsync(workflowId, holder, CancellationToken.None);
            }

            if (done)
            {
                Log.BackfillCompleted(logger, jobId, advanced.Job.Found, advanced.Job.Missing);
                return advanced.Job;
            }

            cursor = await jobs.GetAsync(jobId, cancellationToken);
        }

        if (cursor is { Job.State: BackfillState.Running })
        {
            await EnqueueAsync(jobId, TimeSpan.Zero, cancellationToken);
        }

        return cursor?.Job;
    }

    /// <summary>
    /// Ends a job as failed (its work item failed every attempt): the job keeps <see cref="Failures.Describe"/> of
    /// <paramref name="failure"/> as its last error, the log record the exception.
    /// </summary>
    public async Task MarkFailedAsync(ReadOnlyMemory<byte> message, Exception failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var error = Failures.Describe(failure);
        if (ReadJobId(message) is not { } jobId)
        {
            return;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await jobs.GetAsync(jobId, cancellationToken) is not { Job.State: BackfillState.Running } cursor)
            {
                return;
            }

            var now = time.GetUtcNow();
            if (await jobs.TryUpdateAsync(cursor with { Job = cursor.Job with { State = BackfillState.Failed, LastError = error, UpdatedAt = now, CompletedAt = now } }, cancellationToken))
            {
                Log.BackfillFailed(logger, jobId, failure);
                return;
            }
        }
    }

    private async Task EnqueueAsync(string jobId, TimeSpan delay, CancellationToken cancellationToken) =>
        await _queue.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(new BackfillWorkItem(jobId), ReconcileJsonContext.Default.BackfillWorkItem)), delay, TimeSpan.FromSeconds(-1), cancellationToken);

    private static string? ReadJobId(ReadOnlyMemory<byte> message)
    {
        try
        {
            var item = JsonSerializer.Deserialize(message.Span, ReconcileJsonContext.Default.BackfillWorkItem);
            return item?.JobId is { Length: 32 } id && id.All(char.IsAsciiHexDigitLower) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A backfill work item on queue <c>backfill</c>: only the job; its position is the job row's.</summary>
public sealed record BackfillWorkItem(string JobId);
