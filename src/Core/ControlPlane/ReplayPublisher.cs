using System.Text.Json;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.ControlPlane;

/// <summary>
/// Republishes one stored change through the current routes, with its original CloudEvent id (subscribers dedupe on
/// it). Without a destination subset this is ingest's <see cref="RouteDispatcher"/> with <c>force</c>; with one, the
/// same route → deliver steps restricted to the subset, recording failures for redrive the same way.
/// </summary>
public sealed class ReplayPublisher(
    RouteDispatcher dispatcher,
    RouteTableSource routes,
    Deliverer deliverer,
    DeliveryStore deliveries,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<ReplayPublisher> logger)
{
    /// <param name="only">Destination aliases to restrict to; null: every destination the rules choose.</param>
    public async Task<IReadOnlyDictionary<string, DeliveryState>> RepublishAsync(ChangeRecord record, IReadOnlySet<string>? only, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var document = JsonDocument.Parse(record.Event);
        var partition = ChangeStore.WorkflowPartition(record.WorkflowId);
        var row = ChangeStore.RowKey(record.Time, record.Id);
        if (only is null)
        {
            var (_, states) = await dispatcher.DispatchAsync(record.Id, record.Event, document.RootElement, partition, row, force: true, cancellationToken);
            return states;
        }

        var table = await routes.GetAsync(cancellationToken);
        var targets = new List<RouteTarget>(4);
        table.Route(document.RootElement, targets);
        var result = new Dictionary<string, DeliveryState>(StringComparer.Ordinal);
        foreach (var target in targets.Where(t => only.Contains(t.Destination)))
        {
            result[target.Destination] = await DeliverAsync(record.Id, record.Event, target, partition, row, cancellationToken);
        }

        return result;
    }

    private async Task<DeliveryState> DeliverAsync(string id, ReadOnlyMemory<byte> cloudEvent, RouteTarget target, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await deliverer.PublishAsync(cloudEvent, target.Destination, target.Transform, cancellationToken);
            await deliveries.MarkPublishedAsync(id, target.Destination, 1, wasFailed: true, cancellationToken); // clears a failed row: the replay delivered it
            return DeliveryState.Published;
        }
        catch (Exception e) when (Deliverer.IsPublishFailure(e, cancellationToken))
        {
            var transform = target.Transform is { } t ? JsonSerializer.Serialize(t, DeliveryJsonContext.Default.RouteTransform) : null;
            var failure = new FailedDelivery(id, target.Destination, 1, Deliverer.Describe(e), time.GetUtcNow() + Redrive.Delay(options.Value, 1), partition, row, transform);
            if (Deliverer.IsRejection(e))
            {
                await deliveries.MarkDeadLetteredAsync(failure with { NextAttemptAt = null }, cancellationToken);
                Log.DeliveryDeadLettered(logger, id, target.Destination, failure.LastError!);
                return DeliveryState.DeadLettered;
            }

            await deliveries.MarkFailedAsync(failure, cancellationToken);
            Log.DeliveryFailed(logger, id, target.Destination, 1, failure.LastError!);
            return DeliveryState.Failed;
        }
    }
}
