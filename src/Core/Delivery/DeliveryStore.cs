using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Delivery;

/// <summary>
/// Delivery state in table <c>Deliveries</c> for deliveries that failed at least once or were replayed (a first
/// delivery that succeeds writes none): one row per event and destination (partition = a hash bucket of the id,
/// row = id and alias; writes batched per bucket), plus index partitions <c>failed|{alias}</c> (due for redrive) and <c>dead|{alias}</c> (dead letters) so the
/// redrive timer and status never scan the whole table.
/// </summary>
public sealed class DeliveryStore(TableServiceClient tables, TableBatcher batcher, TimeProvider time)
{
    private readonly TableClient _table = tables.GetTableClient(TableNames.Deliveries);

    private const int Buckets = 4;

    public static string FailedPartition(string alias) => "failed|" + alias;

    public static string DeadPartition(string alias) => "dead|" + alias;

    public async Task<DeliveryState> GetStateAsync(string id, string alias, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(StatePartition(id), StateRow(id, alias), ["State"], cancellationToken);
        return row.HasValue && row.Value is not null && Enum.TryParse<DeliveryState>(row.Value.GetString("State"), out var state) ? state : DeliveryState.Pending;
    }

    /// <summary>
    /// Marks a delivery published after a failure or on replay, removing any failed index row, and the dead-letter
    /// index row when <paramref name="previous"/> says it was dead-lettered. State first: redrive checks it before
    /// republishing, so a failed index delete never causes a second publish.
    /// </summary>
    public async Task MarkPublishedAsync(string id, string alias, int attempts, DeliveryState previous, CancellationToken cancellationToken)
    {
        await UpsertStateAsync(id, alias, DeliveryState.Published, attempts, null, cancellationToken);
        await DeleteIfExistsAsync(FailedPartition(alias), id, cancellationToken);
        if (previous == DeliveryState.DeadLettered)
        {
            await DeleteIfExistsAsync(DeadPartition(alias), id, cancellationToken);
        }
    }

    public async Task MarkFailedAsync(FailedDelivery failure, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(IndexRow(FailedPartition(failure.Destination), failure), TableUpdateMode.Replace, cancellationToken);
        await UpsertStateAsync(failure.Id, failure.Destination, DeliveryState.Failed, failure.Attempts, failure.LastError, cancellationToken);
    }

    public async Task MarkDeadLetteredAsync(FailedDelivery failure, CancellationToken cancellationToken)
    {
        await _table.UpsertEntityAsync(IndexRow(DeadPartition(failure.Destination), failure), TableUpdateMode.Replace, cancellationToken);
        await UpsertStateAsync(failure.Id, failure.Destination, DeliveryState.DeadLettered, failure.Attempts, failure.LastError, cancellationToken);
        await DeleteIfExistsAsync(FailedPartition(failure.Destination), failure.Id, cancellationToken);
    }

    /// <summary>Failed deliveries of a destination whose next attempt is due, oldest due first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<FailedDelivery>> DueAsync(string alias, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<FailedDelivery>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {FailedPartition(alias)} and NextAttemptAt le {now}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            due.Add(ToFailure(row, alias));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>Dead letters of a destination, newest attempts first is not guaranteed (row order is by id).</summary>
    public async Task<IReadOnlyList<FailedDelivery>> ListAsync(string partition, string alias, int max, CancellationToken cancellationToken)
    {
        var rows = new List<FailedDelivery>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            rows.Add(ToFailure(row, alias));
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Rows in an index partition (failed or dead), counted with a key-only projection.</summary>
    public async Task<int> CountAsync(string partition, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    private async Task UpsertStateAsync(string id, string alias, DeliveryState state, int attempts, string? error, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(StatePartition(id), StateRow(id, alias))
        {
            ["State"] = state.ToString(),
            ["Attempts"] = attempts,
            ["LastError"] = error,
            ["UpdatedAt"] = time.GetUtcNow(),
        };
        await batcher.SubmitAsync(TableNames.Deliveries, new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), 512, cancellationToken);
    }

    private async Task DeleteIfExistsAsync(string partition, string id, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(partition, TableKeys.Escape(id), Azure.ETag.All, cancellationToken); // 404 is not an error for DeleteEntity

    private static TableEntity IndexRow(string partition, FailedDelivery failure) => new(partition, TableKeys.Escape(failure.Id))
    {
        ["Id"] = failure.Id,
        ["Attempts"] = failure.Attempts,
        ["LastError"] = failure.LastError is { Length: > 4000 } text ? text[..4000] : failure.LastError,
        ["NextAttemptAt"] = failure.NextAttemptAt,
        ["HistoryPartition"] = failure.HistoryPartition,
        ["HistoryRow"] = failure.HistoryRow,
        ["Transform"] = failure.Transform,
    };

    private static FailedDelivery ToFailure(TableEntity row, string alias) => new(
        row.GetString("Id") ?? TableKeys.Unescape(row.RowKey),
        alias,
        row.GetInt32("Attempts") ?? 0,
        row.GetString("LastError"),
        row.GetDateTimeOffset("NextAttemptAt"),
        row.GetString("HistoryPartition") ?? "",
        row.GetString("HistoryRow") ?? "",
        row.GetString("Transform"));

    private static string StatePartition(string id) => "s" + TableKeys.Bucket(id, Buckets);

    private static string StateRow(string id, string alias) => TableKeys.Escape(id) + "|" + alias;
}
