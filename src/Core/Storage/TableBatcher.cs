using System.Collections.Concurrent;
using Azure.Data.Tables;
using KadoaBridge.Core.Batching;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Batched Table writes for the hot path: concurrent writes to one partition share entity-group transactions
/// (<see cref="GroupCommit{T}"/>). A writer submits one operation, or a group that must be stored together (all or
/// none). Azure's limits are enforced here because Azurite does not enforce them all: at most 100 operations, one
/// partition, one operation per row, 4 MiB per batch. A failed transaction is retried without the group that failed it,
/// then group by group, so each writer gets its own outcome (for example the 409 of a conditional insert).
/// </summary>
public sealed class TableBatcher(TableServiceClient tables)
{
    public const int MaxOperations = 100;

    /// <summary>Azure's 4 MiB per batch, less room for the multipart envelope.</summary>
    public const int MaxBatchBytes = 3_500_000;

    private readonly ConcurrentDictionary<(string Table, string Partition), GroupCommit<TableTransactionAction[]>> _queues = new();

    /// <summary>Writes <paramref name="action"/>, alone or with others; completes when stored, or throws its own failure.</summary>
    /// <param name="approximateBytes">The entity's size, for the 4 MiB limit.</param>
    public Task SubmitAsync(string table, TableTransactionAction action, int approximateBytes, CancellationToken cancellationToken) =>
        SubmitAsync(table, [action], approximateBytes, cancellationToken);

    /// <summary>Writes <paramref name="group"/> (one partition, distinct rows) in one transaction, with others' writes or alone: all or none.</summary>
    /// <param name="approximateBytes">The group's size, for the 4 MiB limit.</param>
    public Task SubmitAsync(string table, TableTransactionAction[] group, int approximateBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Length is 0 or > MaxOperations || (group.Length > 1 && (
            group.Any(a => a.Entity.PartitionKey != group[0].Entity.PartitionKey) ||
            group.Select(a => a.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != group.Length)))
        {
            throw new ArgumentException($"A group is 1 to {MaxOperations} operations on distinct rows of one partition.", nameof(group));
        }

        var queue = _queues.GetOrAdd((table, group[0].Entity.PartitionKey), key =>
        {
            var client = tables.GetTableClient(key.Table);
            return new GroupCommit<TableTransactionAction[]>(batch => SendAsync(client, batch), Fits);
        });
        return queue.SubmitAsync(group, Math.Max(approximateBytes, 256), cancellationToken);
    }

    private static bool Fits(List<Pending<TableTransactionAction[]>> batch, Pending<TableTransactionAction[]> next) =>
        batch.Sum(p => p.Item.Length) + next.Item.Length <= MaxOperations &&
        batch.Sum(p => p.Bytes) + next.Bytes <= MaxBatchBytes &&
        !batch.Exists(p => p.Item.Any(queued => next.Item.Any(a => a.Entity.RowKey == queued.Entity.RowKey)));

    private static async Task SendAsync(TableClient table, List<Pending<TableTransactionAction[]>> batch)
    {
        // A transaction fails whole when one operation fails (a conditional insert that exists, say): give that
        // operation's group the error and resubmit the rest, a bounded number of times, then fall back to group by group.
        for (var round = 0; batch.Count > 1 && round < 8; round++)
        {
            try
            {
                await table.SubmitTransactionAsync(batch.SelectMany(p => p.Item), CancellationToken.None);
                batch.ForEach(p => p.Done.TrySetResult());
                return;
            }
            catch (TableTransactionFailedException e) when (GroupOf(batch, e.FailedTransactionActionIndex) is int failed)
            {
                batch[failed].Done.TrySetException(e);
                batch.RemoveAt(failed);
            }
            catch (Azure.RequestFailedException)
            {
                break;
            }
        }

        foreach (var pending in batch)
        {
            try
            {
                if (pending.Item.Length == 1)
                {
                    await ExecuteAsync(table, pending.Item[0]);
                }
                else
                {
                    await table.SubmitTransactionAsync(pending.Item, CancellationToken.None);
                }

                pending.Done.TrySetResult();
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    /// <summary>The position in <paramref name="batch"/> of the group holding operation <paramref name="index"/> of the transaction.</summary>
    private static int? GroupOf(List<Pending<TableTransactionAction[]>> batch, int? index)
    {
        if (index is not int failed)
        {
            return null;
        }

        var end = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            end += batch[i].Item.Length;
            if (failed < end)
            {
                return i;
            }
        }

        return null;
    }

    private static async Task ExecuteAsync(TableClient table, TableTransactionAction action)
    {
        var entity = action.Entity;
        switch (action.ActionType)
        {
            case TableTransactionActionType.Add:
                await table.AddEntityAsync(entity);
                break;
            case TableTransactionActionType.UpsertReplace:
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
                break;
            case TableTransactionActionType.UpsertMerge:
                await table.UpsertEntityAsync(entity, TableUpdateMode.Merge);
                break;
            case TableTransactionActionType.UpdateMerge:
                await table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Merge);
                break;
            case TableTransactionActionType.UpdateReplace:
                await table.UpdateEntityAsync(entity, action.ETag, TableUpdateMode.Replace);
                break;
            case TableTransactionActionType.Delete:
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, action.ETag);
                break;
            default:
                throw new NotSupportedException($"Table action {action.ActionType} is not supported by the batcher.");
        }
    }
}
