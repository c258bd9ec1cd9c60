using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Table <c>Reconcile</c>: per workflow its gap-fill watermark (partition <c>watermark</c>) and its reconciliation lease
/// (partition <c>lease</c>: one reconciliation of a workflow at a time, gap-fill or backfill), the last gap-fill run
/// (partition <c>run</c>), and backfill jobs (partition <c>backfill</c>, see <see cref="BackfillJobStore"/>).
/// </summary>
public sealed class ReconcileStore(TableServiceClient tables)
{
    public const string TableName = TableNames.Reconcile;
    private const string WatermarkPartition = "watermark";
    private const string LeasePartition = "lease";
    private const string RunPartition = "run";
    private const string GapFillRow = "gapfill";
    private const string EnrichRow = "enrich-timeouts";

    private readonly TableClient _table = tables.GetTableClient(TableName);

    /// <summary>Every workflow with a watermark, and whether a gap-fill is due for it now (set up moments ago).</summary>
    public async Task<IReadOnlyList<Watermark>> ReadWatermarksAsync(CancellationToken cancellationToken)
    {
        List<Watermark> found = [];
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == WatermarkPartition, cancellationToken: cancellationToken))
        {
            found.Add(new Watermark(TableKeys.Unescape(row.RowKey), row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, row.GetBoolean("Due") ?? false));
        }

        return found;
    }

    /// <summary>Records that <paramref name="workflowId"/> is reconciled up to <paramref name="at"/> (nothing due).</summary>
    public async Task AdvanceAsync(string workflowId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(WatermarkPartition, TableKeys.Escape(workflowId)) { ["At"] = at, ["Due"] = false }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// A workflow just set up: reconcile it from <paramref name="from"/> at the next tick (a watermark already earlier is
    /// kept), so changes Kadoa records before the listener's first connection still arrive.
    /// </summary>
    public async Task MarkDueAsync(string workflowId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(workflowId);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(WatermarkPartition, key, cancellationToken: cancellationToken);
        var at = existing.HasValue && existing.Value!.GetDateTimeOffset("At") is { } earlier && earlier < from ? earlier : from;
        await _table.UpsertEntityAsync(new TableEntity(WatermarkPartition, key) { ["At"] = at, ["Due"] = true }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="workflowId"/>'s reconciliation lease for <paramref name="holder"/> until
    /// <paramref name="until"/> (or renews it). False while another holder's lease runs.
    /// </summary>
    public async Task<bool> TryLeaseAsync(string workflowId, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(workflowId);
        var lease = new TableEntity(LeasePartition, key) { ["Holder"] = holder, ["Until"] = until };
        try
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, key, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                await _table.AddEntityAsync(lease, cancellationToken);
                return true;
            }

            var row = existing.Value!;
            if (row.GetString("Holder") != holder && row.GetDateTimeOffset("Until") > now)
            {
                return false;
            }

            await _table.UpdateEntityAsync(lease, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // another holder took it between the read and the write
        }
    }

    /// <summary>Ends <paramref name="holder"/>'s lease; a lease another holder took meanwhile stays.</summary>
    public async Task ReleaseAsync(string workflowId, string holder, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(workflowId);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, key, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value!.GetString("Holder") == holder)
        {
            try
            {
                await _table.DeleteEntityAsync(existing.Value, existing.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Gone or taken over: not ours to remove.
            }
        }
    }

    /// <summary>Counts a change delivered without its data (Kadoa never stored it in time), and remembers the latest.</summary>
    public async Task CountEnrichmentTimeoutAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(RunPartition, EnrichRow, cancellationToken: cancellationToken);
            var row = new TableEntity(RunPartition, EnrichRow)
            {
                ["TimedOut"] = (existing.HasValue ? existing.Value!.GetInt64("TimedOut") ?? 0 : 0) + 1,
                ["LastId"] = id,
                ["LastAt"] = at,
            };
            try
            {
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(row, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Counted concurrently: read again.
            }
        }
    }

    /// <summary>Changes delivered without their data so far, and the latest.</summary>
    public async Task<EnrichmentTimeouts> ReadEnrichmentTimeoutsAsync(CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(RunPartition, EnrichRow, cancellationToken: cancellationToken);
        return found.HasValue
            ? new EnrichmentTimeouts(found.Value!.GetInt64("TimedOut") ?? 0, found.Value.GetString("LastId"), found.Value.GetDateTimeOffset("LastAt"))
            : new EnrichmentTimeouts(0, null, null);
    }

    public async Task<GapFillRun?> ReadLastRunAsync(CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(RunPartition, GapFillRow, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var row = found.Value!;
        return new GapFillRun(
            row.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("FinishedAt"),
            row.GetDateTimeOffset("From"),
            row.GetDateTimeOffset("To"),
            row.GetInt32("Workflows") ?? 0,
            row.GetInt32("Found") ?? 0,
            row.GetInt32("Missing") ?? 0,
            row.GetString("Error"));
    }

    public async Task WriteLastRunAsync(GapFillRun run, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(
            new TableEntity(RunPartition, GapFillRow)
            {
                ["StartedAt"] = run.StartedAt,
                ["FinishedAt"] = run.FinishedAt,
                ["From"] = run.From,
                ["To"] = run.To,
                ["Workflows"] = run.Workflows,
                ["Found"] = run.Found,
                ["Missing"] = run.Missing,
                ["Error"] = run.Error,
            },
            TableUpdateMode.Replace,
            cancellationToken);
}
