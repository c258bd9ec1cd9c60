using Azure;
using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Durable dedupe on the CloudEvent id (table <c>Dedupe</c>, 4 hash buckets of ids; writes are batched per bucket): a conditional insert claims the
/// id with a lease; "done" marks it processed. A claim whose lease ran out (the instance died) can be taken over, so a
/// crash mid-processing never loses the event; the later steps are idempotent.
/// </summary>
public sealed class DedupeStore(TableServiceClient tables, TableBatcher batcher, TimeProvider time)
{
    private const string Processing = "Processing";
    private const string Done = "Done";
    private const int Buckets = 4;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Dedupe);

    /// <summary>How long a claim keeps others away. Default 30 s: far above one event's processing time, short enough for queue retries.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<DedupeClaim> ClaimAsync(string id, string? workflowId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entity = new TableEntity(Partition(id), TableKeys.Escape(id))
        {
            ["State"] = Processing,
            ["LeaseUntil"] = now + Lease,
            ["WorkflowId"] = workflowId,
            ["FirstSeen"] = now,
        };
        try
        {
            await batcher.SubmitAsync(TableNames.Dedupe, new TableTransactionAction(TableTransactionActionType.Add, entity), 256, cancellationToken);
            return new DedupeClaim(DedupeOutcome.Claimed, Resumed: false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value is null)
            {
                return await ClaimAsync(id, workflowId, cancellationToken); // removed in between: claim again
            }

            var row = existing.Value;
            if (row.GetString("State") == Done)
            {
                return new DedupeClaim(DedupeOutcome.AlreadyDone, Resumed: false);
            }

            if (row.GetDateTimeOffset("LeaseUntil") is { } until && until > now)
            {
                return new DedupeClaim(DedupeOutcome.InProgressElsewhere, Resumed: false);
            }

            row["LeaseUntil"] = now + Lease;
            row["TakenOverAt"] = now;
            try
            {
                await _table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return new DedupeClaim(DedupeOutcome.Claimed, Resumed: true);
            }
            catch (RequestFailedException conflict) when (conflict.Status == 412)
            {
                return new DedupeClaim(DedupeOutcome.InProgressElsewhere, Resumed: false);
            }
        }
    }

    /// <summary>Marks the id processed; later deliveries of it are skipped.</summary>
    public async Task MarkDoneAsync(string id, string historyPartition, string historyRow, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(id), TableKeys.Escape(id))
        {
            ["State"] = Done,
            ["DoneAt"] = time.GetUtcNow(),
            ["HistoryPartition"] = historyPartition,
            ["HistoryRow"] = historyRow,
        };
        await batcher.SubmitAsync(TableNames.Dedupe, new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity), 512, cancellationToken);
    }

    /// <summary>Gives up a claim after a failure, so the queue's retry can take it over at once.</summary>
    public async Task ReleaseAsync(string id, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(id), TableKeys.Escape(id)) { ["LeaseUntil"] = time.GetUtcNow() };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Where an id's change is stored in history, when it was processed.</summary>
    public async Task<(string Partition, string Row)?> FindHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(id), TableKeys.Escape(id), cancellationToken: cancellationToken);
        return row.HasValue && row.Value?.GetString("HistoryPartition") is { } partition && row.Value.GetString("HistoryRow") is { } rowKey
            ? (partition, rowKey)
            : null;
    }

    private static string Partition(string id) => "d" + TableKeys.Bucket(id, Buckets);
}
