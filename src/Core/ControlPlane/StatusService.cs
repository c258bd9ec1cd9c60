using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Reconcile;
using KadoaBridge.Core.Routing;
using KadoaBridge.Core.Routing.Store;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Gathers <see cref="BridgeStatus"/>: the listener's status rows, queue depths, per-destination failed and dead-lettered
/// counts, the latest ingest failures, routing rules ingest skips and what is stranded (<see cref="StrandedItems"/>). Read-only; every figure comes
/// from storage at call time.
/// </summary>
public sealed class StatusService(
    ListenerStatusStore listeners,
    DeliveryStore deliveries,
    IngestFailureStore failures,
    StrandedItems stranded,
    RouteStore routes,
    QueueServiceClient queues,
    IOptions<RoutingOptions> routing,
    ReconcileStore reconcile,
    IOptions<ReconcileOptions> reconcileOptions,
    TimeProvider time)
{
    /// <summary>Ingest failures shown, the latest by time. Default 10.</summary>
    public int RecentFailures { get; init; } = 10;

    public async Task<BridgeStatus> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var listenerRows = await listeners.ReadAllAsync(cancellationToken);
        var queueStatus = new QueueStatus(
            await DepthAsync(QueueNames.Ingress, cancellationToken),
            await DepthAsync(QueueNames.IngressPoison, cancellationToken),
            await DepthAsync(QueueNames.Replay, cancellationToken));
        var destinations = new List<DestinationStatus>();
        foreach (var alias in routing.Value.Destinations.Keys.Order(StringComparer.Ordinal))
        {
            destinations.Add(new DestinationStatus(
                alias,
                await deliveries.CountAsync(DeliveryStore.FailedPartition(alias), cancellationToken),
                await deliveries.CountAsync(DeliveryStore.DeadPartition(alias), cancellationToken)));
        }

        var recent = (await failures.ListAsync(RecentFailures, cancellationToken))
            .Select(f => new IngestFailure(f.MessageId, f.Reason, f.Poisoned, f.At));
        return new BridgeStatus(
            now,
            [.. listenerRows.Select(row => ToListener(row, now))],
            queueStatus,
            destinations,
            [.. recent],
            UnmatchedRoute.Describe(routing.Value),
            await routes.FindSkippedAsync([.. routing.Value.Destinations.Keys], cancellationToken),
            await stranded.CountAsync(cancellationToken),
            new ReconcileStatus(reconcileOptions.Value.Enabled, reconcileOptions.Value.Interval, await reconcile.ReadLastRunAsync(cancellationToken), await reconcile.ReadEnrichmentTimeoutsAsync(cancellationToken)));
    }

    private async Task<long?> DepthAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCountLong;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static ListenerStatus ToListener(TableEntity row, DateTimeOffset now)
    {
        var heartbeat = row.GetDateTimeOffset("LastHeartbeatAt");
        var checkpoint = row.GetDateTimeOffset("CheckpointUpdatedAt");
        var reported = row.GetDateTimeOffset("ReportedAt");
        return new ListenerStatus(
            TableKeys.Unescape(row.RowKey),
            row.GetString("State") ?? "Unknown",
            row.GetString("TeamId"),
            row.GetDateTimeOffset("ConnectedSince"),
            heartbeat,
            Age(heartbeat, now),
            checkpoint,
            Age(checkpoint, now),
            row.GetDateTimeOffset("CheckpointEventTime"),
            Count(row, "EventsReceived"),
            Count(row, "EventsPublished"),
            Count(row, "EventsQuarantined"),
            Count(row, "PublishFailures"),
            Count(row, "Reconnects"),
            row.GetString("LastError"),
            reported,
            Age(reported, now))
        { IngressRejection = row.GetString("IngressRejection") };
    }

    private static double? Age(DateTimeOffset? at, DateTimeOffset now) => at is { } time ? Math.Round(Math.Max(0, (now - time).TotalSeconds), 1) : null;

    /// <summary>A counter written as Int64 (or Int32 by another writer); 0 when absent.</summary>
    private static long Count(TableEntity row, string name) =>
        row.TryGetValue(name, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
}
