using Azure.Data.Tables;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Diagnostics;

/// <summary>
/// The listener's status rows in table <c>Status</c> (partition <c>listener</c>, one row per replica), read by the
/// Functions' status endpoint. A replica that stopped leaves its row behind until retention removes it
/// (<see cref="PurgeAsync"/>).
/// </summary>
public sealed class ListenerStatusStore(TableServiceClient tables)
{
    public const string Partition = "listener";

    private readonly TableClient _table = tables.GetTableClient(TableNames.Status);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    public async Task WriteAsync(string replica, ListenerState state, ListenerMetrics metrics, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(replica))
        {
            ["State"] = state.State.ToString(),
            ["TeamId"] = state.TeamId,
            ["ConnectedSince"] = state.ConnectedSince,
            ["LastHeartbeatAt"] = state.LastHeartbeatAt,
            ["CheckpointCursor"] = state.CheckpointCursor,
            ["CheckpointEventTime"] = state.CheckpointEventTime,
            ["CheckpointUpdatedAt"] = state.CheckpointUpdatedAt,
            ["EventsReceived"] = metrics.Received,
            ["EventsPublished"] = metrics.Published,
            ["EventsQuarantined"] = metrics.Quarantined,
            ["DuplicatesSuppressed"] = metrics.Duplicates,
            ["Acknowledged"] = metrics.Acknowledged,
            ["AckFailures"] = metrics.AckFailures,
            ["PublishFailures"] = metrics.PublishFailures,
            ["Reconnects"] = metrics.Reconnects,
            ["LastError"] = state.LastError,
            ["IngressRejection"] = state.IngressRejection,
            ["IngressRejections"] = metrics.IngressRejections,
            ["ReportedAt"] = now,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<TableEntity>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Removes the rows of replicas that last reported before <paramref name="before"/> (a running replica reports every
    /// few seconds); a row reported meanwhile stays (ETag). Returns how many were removed.
    /// </summary>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        TableDeletes.DeleteMatchingAsync(
            _table, TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Timestamp lt {before} and ReportedAt lt {before}"), ["ReportedAt"], null, cancellationToken);
}
