using System.Text.Json;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Delivery;

/// <summary>
/// Route → deliver: evaluates the route table for an event and publishes it to each chosen destination with that
/// destination's own state. A failure is recorded for redrive (or dead-lettered when the topic refuses the event)
/// and never stops the other destinations.
/// </summary>
public sealed class RouteDispatcher(
    RouteTableSource routes,
    Deliverer deliverer,
    DeliveryStore deliveries,
    IngestMetrics metrics,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<RouteDispatcher> logger)
{
    public async Task<(RouteOutcome Outcome, IReadOnlyDictionary<string, DeliveryState> States)> DispatchAsync(
        string id, ReadOnlyMemory<byte> cloudEvent, JsonElement root, string historyPartition, string historyRow, DispatchMode mode, CancellationToken cancellationToken)
    {
        var table = await routes.GetAsync(cancellationToken);
        var targets = new List<RouteTarget>(4);
        var outcome = table.Route(root, targets);
        if (mode.Only is { } only)
        {
            targets.RemoveAll(t => !only.Contains(t.Destination));
        }

        var states = new Dictionary<string, DeliveryState>(targets.Count, StringComparer.Ordinal);
        var deliveriesDone = new Task<DeliveryState>[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var previous = mode.Force || !mode.Resumed ? DeliveryState.Pending : await deliveries.GetStateAsync(id, target.Destination, cancellationToken);
            if (previous is DeliveryState.Published or DeliveryState.DeadLettered or DeliveryState.Failed)
            {
                deliveriesDone[i] = Task.FromResult(previous); // a retried message: this destination was handled already (failures go to redrive)
                continue;
            }

            metrics.OnRouted(target.Destination); // a retried message's destinations already handled are not counted again
            deliveriesDone[i] = DeliverAsync(id, cloudEvent, target, historyPartition, historyRow, mode.Resumed, cancellationToken);
        }

        // Destinations are independent: deliver to all at once.
        var outcomes = await Task.WhenAll(deliveriesDone);
        for (var i = 0; i < targets.Count; i++)
        {
            states[targets[i].Destination] = outcomes[i];
        }

        if (outcome == RouteOutcome.Dropped)
        {
            Log.Dropped(logger, id);
        }

        return (outcome, states);
    }

    /// <param name="mayHaveFailed">A state row may exist (retry, replay): publishing records the outcome and clears any
    /// failed-index row. A first delivery that succeeds writes nothing: the stored change says it was handled.</param>
    private async Task<DeliveryState> DeliverAsync(
        string id, ReadOnlyMemory<byte> cloudEvent, RouteTarget target, string partition, string row, bool mayHaveFailed, CancellationToken cancellationToken)
    {
        try
        {
            await deliverer.PublishAsync(cloudEvent, target.Destination, target.Transform, cancellationToken);
            if (mayHaveFailed)
            {
                await deliveries.MarkPublishedAsync(id, target.Destination, 1, cancellationToken);
            }

            return DeliveryState.Published;
        }
        catch (Exception e) when (Deliverer.IsPublishFailure(e, cancellationToken))
        {
            var transform = target.Transform is { } t ? JsonSerializer.Serialize(t, DeliveryJsonContext.Default.RouteTransform) : null;
            var failure = new FailedDelivery(id, target.Destination, 1, Deliverer.Describe(e), time.GetUtcNow() + Redrive.Delay(options.Value, 1), partition, row, transform);
            return await Redrive.RecordFailureAsync(deliveries, metrics, logger, failure, deadLetter: Deliverer.IsRejection(e), cancellationToken);
        }
    }
}
