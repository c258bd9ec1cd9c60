using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Why ingress messages failed, in table <c>Status</c> (partition <c>ingest-failure</c>, one row per message): the
/// Functions runtime moves a message that failed every attempt to the poison queue, and this row says why.
/// </summary>
public sealed class IngestFailureStore(TableServiceClient tables, TimeProvider time)
{
    public const string Partition = "ingest-failure";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Status);

    public async Task RecordAsync(string messageId, long dequeueCount, bool poisoned, string reason, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(messageId))
        {
            ["Reason"] = reason.Length > 4000 ? reason[..4000] : reason,
            ["DequeueCount"] = dequeueCount,
            ["Poisoned"] = poisoned,
            ["At"] = time.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The most recent failures (any order within the partition), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<(string MessageId, string Reason, bool Poisoned, DateTimeOffset? At)>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string, bool, DateTimeOffset?)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            rows.Add((TableKeys.Unescape(row.RowKey), row.GetString("Reason") ?? "", row.GetBoolean("Poisoned") ?? false, row.GetDateTimeOffset("At")));
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }
}
