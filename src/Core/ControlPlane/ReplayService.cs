using Azure;
using Azure.Storage.Queues;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Requests;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Replay: select stored changes (a workflow and/or a time range, newest first) → republish each with its original id
/// → record progress. Up to <see cref="ReplayOptions.InlineLimit"/> changes run in the request; a larger selection
/// becomes a job in table <c>Status</c> whose work items on queue <c>replay</c> republish it page by page.
/// </summary>
public sealed partial class ReplayService(
    ChangeStore changes,
    ReplayPublisher publisher,
    ReplayJobStore jobs,
    QueueServiceClient queues,
    IOptions<ReplayOptions> options,
    IOptions<RoutingOptions> routing,
    TimeProvider time,
    ILogger<ReplayService> logger)
{
    /// <summary>Pages read while counting a selection before it is sent to the background anyway.</summary>
    private const int MaxCountingPages = 10;

    private readonly QueueClient _queue = queues.GetQueueClient(QueueNames.Replay);

    /// <summary>The rules that need configuration or the clock: the range, and destinations that exist. Empty when the request is fine.</summary>
    public IReadOnlyList<InputError> Validate(ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<InputError>();
        var to = request.To ?? time.GetUtcNow();
        if (request.From is { } from && InputRules.CheckRange(from, to, options.Value.MaxRange, " for one replay") is { } rangeError)
        {
            errors.Add(rangeError);
        }

        var configured = routing.Value.Destinations;
        for (var i = 0; i < (request.Destinations?.Count ?? 0); i++)
        {
            if (!configured.ContainsKey(request.Destinations![i]))
            {
                errors.Add(new InputError($"destinations[{i}]", $"No destination '{request.Destinations[i]}' is configured; known: {string.Join(", ", configured.Keys)}."));
            }
        }

        return errors;
    }

    /// <summary>Replays inline (the result lists the ids) or starts a background job (state <see cref="ReplayState.Running"/>).</summary>
    /// <exception cref="ArgumentException">The request fails <see cref="Validate"/>.</exception>
    public async Task<ReplayJob> StartAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is [var error, ..])
        {
            throw new ArgumentException($"{error.Field}: {error.Detail}", nameof(request));
        }

        var now = time.GetUtcNow();
        var job = new ReplayJob(null, ReplayState.Running, request.WorkflowId, request.From, request.To ?? now, request.Destinations, 0, 0, 0, null, now, now, null, null);
        var limit = options.Value.InlineLimit;
        var selected = new List<ChangeRecord>();
        string? token = null;
        for (var pages = 0; pages < MaxCountingPages; pages++)
        {
            var page = await changes.QueryAsync(Query(job, token, limit + 1 - selected.Count), now, cancellationToken);
            selected.AddRange(page.Items);
            token = page.ContinuationToken;
            if (token is null || selected.Count > limit)
            {
                break;
            }
        }

        return token is null && selected.Count <= limit
            ? await ReplayInlineAsync(job, selected, cancellationToken)
            : await StartBackgroundAsync(job with { Id = Guid.NewGuid().ToString("N") }, cancellationToken);
    }

    /// <summary>A background job's progress; null when there is none with this id.</summary>
    public async Task<ReplayJob?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await jobs.GetAsync(id, cancellationToken))?.Job;

    private async Task<ReplayJob> ReplayInlineAsync(ReplayJob job, List<ChangeRecord> selected, CancellationToken cancellationToken)
    {
        var ids = new List<string>(selected.Count);
        var tally = await RepublishAsync(selected, job, ids, cancellationToken);
        var done = time.GetUtcNow();
        Log.ReplayedInline(logger, tally.Processed, job.WorkflowId, job.From, job.To, tally.Published, tally.Failed);
        return job with
        {
            State = ReplayState.Completed,
            Processed = tally.Processed,
            Published = tally.Published,
            Failed = tally.Failed,
            LastError = tally.LastError,
            UpdatedAt = done,
            CompletedAt = done,
            Ids = ids,
        };
    }

    private async Task<ReplayJob> StartBackgroundAsync(ReplayJob job, CancellationToken cancellationToken)
    {
        await jobs.CreateAsync(job, cancellationToken);
        try
        {
            await EnqueueAsync(job.Id!, 0, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException)
        {
            await jobs.MarkFailedAsync(job.Id!, $"Could not enqueue the first work item: {Failures.Describe(e)}", time.GetUtcNow(), cancellationToken);
            throw;
        }

        Log.ReplayStarted(logger, job.Id!, job.WorkflowId, job.From, job.To);
        return job;
    }

    /// <summary>Republishes <paramref name="records"/> in order; adds each id to <paramref name="ids"/> when given.</summary>
    private async Task<Tally> RepublishAsync(IReadOnlyList<ChangeRecord> records, ReplayJob job, List<string>? ids, CancellationToken cancellationToken)
    {
        var only = job.Destinations is { } aliases ? new HashSet<string>(aliases, StringComparer.Ordinal) : null;
        var tally = new Tally();
        foreach (var record in records)
        {
            if (record.Event.IsEmpty)
            {
                tally.LastError = $"The stored event {record.Id} could not be read (its blob is gone); it was skipped.";
                Log.ReplaySkipped(logger, record.Id);
                continue;
            }

            foreach (var state in (await publisher.RepublishAsync(record, only, cancellationToken)).Values)
            {
                if (state == DeliveryState.Published)
                {
                    tally.Published++;
                }
                else
                {
                    tally.Failed++;
                }
            }

            tally.Processed++;
            ids?.Add(record.Id);
        }

        return tally;
    }

    private async Task EnqueueAsync(string id, int page, CancellationToken cancellationToken)
    {
        var message = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new ReplayWorkItem(id, page), ControlPlaneJsonContext.Default.ReplayWorkItem);
        await _queue.SendMessageAsync(new BinaryData(message), cancellationToken: cancellationToken);
        await jobs.MarkEnqueuedAsync(id, page, cancellationToken);
    }

    private static ChangeQuery Query(ReplayJob job, string? token, int pageSize) =>
        new() { WorkflowId = job.WorkflowId, From = job.From, To = job.To, PageSize = pageSize, ContinuationToken = token };

    private sealed class Tally
    {
        public long Processed { get; set; }

        public long Published { get; set; }

        public long Failed { get; set; }

        public string? LastError { get; set; }
    }
}
