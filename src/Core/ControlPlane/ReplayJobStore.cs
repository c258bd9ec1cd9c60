using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Background replays in table <c>Status</c>, partition <c>replay</c>, one row per job: progress for
/// <c>GET /api/replay/{id}</c> and the cursor the work items advance, written with the ETag read.
/// </summary>
public sealed class ReplayJobStore(TableServiceClient tables)
{
    public const string Partition = "replay";

    /// <summary>Conflicting writes tolerated in a row before a conditional write gives up (and throws, so the queue retries).</summary>
    public const int MaxConflicts = 5;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Status);

    /// <summary>Stores a new job (state <see cref="ReplayState.Running"/>, page 0 not yet enqueued).</summary>
    public async Task CreateAsync(ReplayJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await _table.AddEntityAsync(ToEntity(new ReplayCursor(job, 0, null, false, default)), cancellationToken);
    }

    /// <summary>The job, or null when there is none with this id.</summary>
    public async Task<ReplayCursor?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(id), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToCursor(entity) : null;
    }

    /// <summary>Writes the advanced cursor if nobody moved the job since <see cref="ReplayCursor.ETag"/> was read; false when somebody did.</summary>
    public async Task<bool> TryAdvanceAsync(ReplayCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            await _table.UpdateEntityAsync(ToEntity(cursor), cursor.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Records that the work item for <paramref name="page"/> is on the queue, only while the job still waits at that
    /// page (a late mark must not claim a later page was queued), and with the ETag read, so it never overwrites a write
    /// it did not see.
    /// </summary>
    public async Task MarkEnqueuedAsync(string id, int page, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cursor = await GetAsync(id, cancellationToken);
            if (cursor is null || cursor.Job.State != ReplayState.Running || cursor.NextPage != page || cursor.NextEnqueued)
            {
                return;
            }

            try
            {
                await _table.UpdateEntityAsync(new TableEntity(Partition, TableKeys.Escape(id)) { ["NextEnqueued"] = true }, cursor.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < MaxConflicts)
            {
                // Written since read: read again and decide again.
            }
        }
    }

    /// <summary>Ends the job as <see cref="ReplayState.Failed"/> with <paramref name="error"/> (never a secret).</summary>
    public async Task MarkFailedAsync(string id, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(id))
        {
            ["State"] = nameof(ReplayState.Failed),
            ["LastError"] = Truncate(error),
            ["UpdatedAt"] = now,
            ["CompletedAt"] = now,
        };
        try
        {
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No such job (the work item named one that was never created): nothing to mark.
        }
    }

    /// <summary>
    /// Removes the jobs that completed or failed before <paramref name="before"/>; a running job stays, however old.
    /// Returns how many were removed.
    /// </summary>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        TableDeletes.DeleteMatchingAsync(
            _table,
            TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Timestamp lt {before} and CompletedAt lt {before}"),
            ["State"],
            (row, _) => ValueTask.FromResult(row.GetString("State") == nameof(ReplayState.Running)),
            cancellationToken);

    private static TableEntity ToEntity(ReplayCursor cursor)
    {
        var job = cursor.Job;
        return new TableEntity(Partition, TableKeys.Escape(job.Id ?? throw new ArgumentException("An inline replay has no job row.", nameof(cursor))))
        {
            ["State"] = job.State.ToString(),
            ["WorkflowId"] = job.WorkflowId,
            ["From"] = job.From,
            ["To"] = job.To,
            ["Destinations"] = job.Destinations is { } aliases ? JsonSerializer.Serialize([.. aliases], ControlPlaneJsonContext.Default.StringArray) : null,
            ["Processed"] = job.Processed,
            ["Published"] = job.Published,
            ["Failed"] = job.Failed,
            ["LastError"] = job.LastError is { } error ? Truncate(error) : null,
            ["CreatedAt"] = job.CreatedAt,
            ["UpdatedAt"] = job.UpdatedAt,
            ["CompletedAt"] = job.CompletedAt,
            ["NextPage"] = cursor.NextPage,
            ["ContinuationToken"] = cursor.ContinuationToken,
            ["NextEnqueued"] = cursor.NextEnqueued,
        };
    }

    private static ReplayCursor ToCursor(TableEntity row)
    {
        var job = new ReplayJob(
            TableKeys.Unescape(row.RowKey),
            Enum.TryParse<ReplayState>(row.GetString("State"), out var state) ? state : ReplayState.Failed,
            row.GetString("WorkflowId"),
            row.GetDateTimeOffset("From"),
            row.GetDateTimeOffset("To") ?? DateTimeOffset.MinValue,
            row.GetString("Destinations") is { } aliases ? JsonSerializer.Deserialize(aliases, ControlPlaneJsonContext.Default.StringArray) : null,
            row.GetInt64("Processed") ?? 0,
            row.GetInt64("Published") ?? 0,
            row.GetInt64("Failed") ?? 0,
            row.GetString("LastError"),
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("CompletedAt"),
            null);
        return new ReplayCursor(job, row.GetInt32("NextPage") ?? 0, row.GetString("ContinuationToken"), row.GetBoolean("NextEnqueued") ?? false, row.ETag);
    }

    private static string Truncate(string text) => text.Length > 4000 ? text[..4000] : text;
}
