using Azure;
using Azure.Data.Tables;

namespace KadoaBridge.Core.Storage;

/// <summary>
/// Deletes rows in entity-group transactions as Azure takes them (Azurite enforces neither limit): at most
/// <see cref="TableBatcher.MaxOperations"/> operations, all of one partition. Each delete is conditional on the ETag its
/// row was read with, so a row written meanwhile (a lease renewed, a status reported) stays; such a row (412), or one
/// already gone (404), fails its transaction, which is sent again without it.
/// </summary>
public static class TableDeletes
{
    /// <summary>Rows read per query page.</summary>
    private const int PageSize = 1000;

    /// <summary>
    /// Deletes the rows <paramref name="filter"/> finds, page by page, except those <paramref name="keep"/> says to keep.
    /// Returns how many were deleted.
    /// </summary>
    /// <param name="select">The properties <paramref name="keep"/> reads (keys and ETag always come).</param>
    public static async Task<int> DeleteMatchingAsync(
        TableClient table, string filter, IEnumerable<string> select, Func<TableEntity, CancellationToken, ValueTask<bool>>? keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = select.Concat(["PartitionKey", "RowKey"]).Distinct(StringComparer.Ordinal).ToList(); // a $select returns only what it names (and the ETag)
        var deleted = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, PageSize, columns, cancellationToken).AsPages())
        {
            var expired = new List<TableEntity>(page.Values.Count);
            foreach (var row in page.Values)
            {
                if (keep is null || !await keep(row, cancellationToken))
                {
                    expired.Add(row);
                }
            }

            deleted += await DeleteAsync(table, expired, cancellationToken);
        }

        return deleted;
    }

    /// <summary>Deletes each of <paramref name="rows"/> unless it changed since it was read; returns how many were deleted.</summary>
    public static async Task<int> DeleteAsync(TableClient table, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var deleted = 0;
        foreach (var partition in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.DistinctBy(row => row.RowKey, StringComparer.Ordinal).Chunk(TableBatcher.MaxOperations))
            {
                deleted += await DeleteInOneTransactionAsync(table, [.. chunk], cancellationToken);
            }
        }

        return deleted;
    }

    private static async Task<int> DeleteInOneTransactionAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        // Each failed round takes one row out, so this ends after at most rows.Count rounds.
        while (rows.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)), cancellationToken);
                return rows.Count;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412 && e.FailedTransactionActionIndex is int failed && failed < rows.Count)
            {
                rows.RemoveAt(failed); // changed or gone since read: it stays (or stays gone)
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                return await DeleteOneByOneAsync(table, rows, cancellationToken); // the service did not say which: ask row by row
            }
        }

        return 0;
    }

    private static async Task<int> DeleteOneByOneAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var row in rows)
        {
            try
            {
                // The SDK answers a row that is already gone with its 404 rather than an exception.
                if ((await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken)).Status != 404)
                {
                    deleted++;
                }
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed or gone since read.
            }
        }

        return deleted;
    }
}
