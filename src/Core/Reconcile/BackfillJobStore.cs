using Azure;
using Azure.Data.Tables;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Backfill jobs in table <c>Reconcile</c>, partition <c>backfill</c>: the job (what <c>GET /api/backfill/{id}</c>
/// shows) and its position (workflow index, <c>skip</c>), the only checkpoint. Every write is ETag-guarded, so two
/// work items of one job (a retry and its successor) never both advance it.
/// </summary>
public sealed class BackfillJobStore(TableServiceClient tables)
{
    private const string Partition = "backfill";
    private readonly TableClient _table = tables.GetTableClient(ReconcileStore.TableName);

    public async Task CreateAsync(BackfillJob job, CancellationToken cancellationToken) =>
        await _table.AddEntityAsync(ToEntity(new BackfillCursor(job, 0, 0, default)), cancellationToken);

    public async Task<BackfillCursor?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>Writes <paramref name="cursor"/> over the row it was read from; false when the row changed since (412).</summary>
    public async Task<bool> TryUpdateAsync(BackfillCursor cursor, CancellationToken cancellationToken)
    {
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

    private static TableEntity ToEntity(BackfillCursor cursor)
    {
        var job = cursor.Job;
        return new TableEntity(Partition, job.Id)
        {
            ["State"] = job.State.ToString(),
            ["WorkflowIds"] = string.Join('\n', job.WorkflowIds),
            ["From"] = job.From,
            ["To"] = job.To,
            ["Found"] = job.Found,
            ["Missing"] = job.Missing,
            ["Pages"] = job.Pages,
            ["LastError"] = job.LastError,
            ["CreatedAt"] = job.CreatedAt,
            ["UpdatedAt"] = job.UpdatedAt,
            ["CompletedAt"] = job.CompletedAt,
            ["WorkflowIndex"] = cursor.WorkflowIndex,
            ["Skip"] = cursor.Skip,
        };
    }

    private static BackfillCursor FromEntity(TableEntity row)
    {
        var job = new BackfillJob(
            row.RowKey,
            Enum.TryParse<BackfillState>(row.GetString("State"), out var state) ? state : BackfillState.Failed,
            (row.GetString("WorkflowIds") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
            row.GetDateTimeOffset("From") ?? default,
            row.GetDateTimeOffset("To") ?? default,
            row.GetInt32("Found") ?? 0,
            row.GetInt32("Missing") ?? 0,
            row.GetInt32("Pages") ?? 0,
            row.GetString("LastError"),
            row.GetDateTimeOffset("CreatedAt") ?? default,
            row.GetDateTimeOffset("UpdatedAt") ?? default,
            row.GetDateTimeOffset("CompletedAt"));
        return new BackfillCursor(job, row.GetInt32("WorkflowIndex") ?? 0, row.GetInt32("Skip") ?? 0, row.ETag);
    }
}

/// <summary>A backfill job with its position: the next page is workflow <paramref name="WorkflowIndex"/> at <paramref name="Skip"/>.</summary>
public sealed record BackfillCursor(BackfillJob Job, int WorkflowIndex, int Skip, ETag ETag);
