using System.Text.Json;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Delivery;

/// <summary>
/// Ingest's deliver stage: evaluates the route table for an event and delivers it to each chosen destination (through
/// <see cref="Deliverer"/>) with that destination's own state. Any failure is recorded for redrive (or dead-lettered when
/// the topic refuses the event) and never stops the other destinations; a destination is published at most once per
/// attempt, and a retried message skips those an earlier attempt published (<see cref="DeliveryMode.Delivered"/>).
/// </summary>
public sealed class DeliveryService(
    RouteTableSource routes,
    Deliverer deliverer,
    DeliveryStore deliveries,
    IngestMetrics metrics,
    IOptions<RoutingOptions> options,
    TimeProvider time,
    ILogger<DeliveryService> logger)
{
    /// <exception cref="DeliveryIncompleteException">A failure could not be recorded for redrive; it says which
    /// destinations were published, so the message's retry publishes only to the others.</exception>
    public async Task<(RouteOutcome Outcome, IReadOnlyDictionary<string, DeliveryState> States)> DeliverAsync(
        string id, ReadOnlyMemory<byte> cloudEvent, JsonElement root, string historyPartition, string historyRow, DeliveryMode mode, CancellationToken cancellationToken)
    {
        var table = await routes.GetAsync(cancellationToken);
        var targets = new List<RouteTarget>(4);
        var outcome = table.Route(root, targets);
        if (mode.Only is { } only)
        {
            targets.RemoveAll(t => !only.Contains(t.Destination));
        }

        // Read every state before publishing anywhere, so a failed read cannot leave a publish unaccounted for.
        var previous = new DeliveryState[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            previous[i] = mode.Delivered?.Contains(targets[i].Destination) == true ? DeliveryState.Published
                : mode.Force || !mode.Resumed ? DeliveryState.Pending
                : await deliveries.GetStateAsync(id, targets[i].Destination, cancellationToken);
        }

        var deliveriesDone = new Task<DeliveryState>[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (previous[i] is DeliveryState.Published or DeliveryState.Failed)
            {
                deliveriesDone[i] = Task.FromResult(previous[i]); // a retried message: this destination was handled already (failures go to redrive)
                continue;
            }

            metrics.OnRouted(target.Destination); // a retried message's destinations already handled are not counted again
            deliveriesDone[i] = DeliverAsync(id, cloudEvent, target, historyPartition, historyRow, mode.Resumed, previous[i], cancellationToken);
        }

        // Destinations are independent: deliver to all at once.
        try
        {
            await Task.WhenAll(deliveriesDone);
        }
        catch (Exception) when (deliveriesDone.FirstOrDefault(t => t.IsFaulted) is { } faulted)
        {
            var published = targets.Where((_, i) => deliveriesDone[i].IsCompletedSuccessfully && deliveriesDone[i].Result == DeliveryState.Published).Select(t => t.Destination).ToList();
            throw new DeliveryIncompleteException(published, faulted.Exception!.InnerException!);
        }

        var states = new Dictionary<string, DeliveryState>(targets.Count, StringComparer.Ordinal);
        for (var i = 0; i < targets.Count; i++)
        {
            states[targets[i].Destination] = deliveriesDone[i].Result;
        }

        if (outcome == RouteOutcome.Dropped)
        {
            Log.Dropped(logger, id);
        }

        return (outcome, states);
    }

    /// <param name="mayHaveFailed">A state row may exist (retry, replay): publishing records the outcome and clears any
    /// failed-index row. A first delivery that succeeds writes nothing: the stored change says it was handled.</param>
    /// <returns>Published, or the failure as recorded for redrive. Throws only when recording the failure fails.</returns>
    private async Task<DeliveryState> DeliverAsync(
        string id, ReadOnlyMemory<byte> cloudEvent, RouteTarget target, string partition, string row, bool mayHaveFailed, DeliveryState previous, CancellationToken cancellationToken)
    {
        try
        {
            await deliverer.DeliverAsync(cloudEvent, target.Destination, target.Transform, cancellationToken);
        }
        catch (Exception e) when (Deliverer.IsPublishFailure(e, cancellationToken))
        {
            var transform = target.Transform is { } t ? JsonSerializer.Serialize(t, DeliveryJsonContext.Default.RouteTransform) : null;
            var failure = new FailedDelivery(id, target.Destination, 1, Failures.Describe(e), time.GetUtcNow() + DeliveryFailures.Delay(options.Value, 1), partition, row, transform);
            return await DeliveryFailures.RecordAsync(deliveries, metrics, logger, failure, e, deadLetter: Failures.IsRejection(e), cancellationToken);
        }

        if (mayHaveFailed)
        {
            try
            {
                await deliveries.MarkPublishedAsync(id, target.Destination, 1, previous, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                Log.PublishedNotRecorded(logger, id, target.Destination, e); // published all the same: never a failure to redrive
            }
        }

        return DeliveryState.Published;
    }
}
