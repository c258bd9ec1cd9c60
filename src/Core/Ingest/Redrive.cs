using System.Text.Json;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Republishes failed deliveries whose next attempt is due, with exponential backoff, and dead-letters them after
/// <see cref="RoutingOptions.MaxDeliveryAttempts"/>, keeping the last error. Run by a timer.
/// </summary>
public sealed class Redrive(
    DeliveryStore deliveries, ChangeStore changes, Deliverer deliverer, IngestMetrics metrics, IOptions<RoutingOptions> options, TimeProvider time, ILogger<Redrive> logger)
{
    /// <summary>Most deliveries one run retries per destination (the next run takes the rest).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>One pass over every destination. Returns (republished, failed again, dead-lettered).</summary>
    public async Task<(int Published, int Failed, int DeadLettered)> RunOnceAsync(CancellationToken cancellationToken)
    {
        int published = 0, failed = 0, dead = 0;
        foreach (var alias in options.Value.Destinations.Keys)
        {
            foreach (var due in await deliveries.DueAsync(alias, time.GetUtcNow(), BatchSize, cancellationToken))
            {
                switch (await RetryAsync(due, cancellationToken))
                {
                    case DeliveryState.Published: published++; break;
                    case DeliveryState.DeadLettered: dead++; break;
                    default: failed++; break;
                }
            }
        }

        return (published, failed, dead);
    }

    /// <summary>
    /// One due delivery. Whatever is wrong with this row alone (its change is gone or unreadable, its transform bad, the
    /// topic refusing it) is recorded as a failed attempt with the reason, so the pass goes on with the other rows; only a
    /// failure to record that (storage) ends the pass.
    /// </summary>
    private async Task<DeliveryState> RetryAsync(FailedDelivery due, CancellationToken cancellationToken)
    {
        if (await deliveries.GetStateAsync(due.Id, due.Destination, cancellationToken) == DeliveryState.Published)
        {
            // Published already (the index row outlived the state's update): clear the index row, never publish twice.
            await deliveries.MarkPublishedAsync(due.Id, due.Destination, due.Attempts, DeliveryState.Failed, cancellationToken);
            return DeliveryState.Published;
        }

        var attempt = due.Attempts + 1;
        var lastAttempt = attempt >= options.Value.MaxDeliveryAttempts;
        string? error = null;
        Exception? failure = null;
        try
        {
            var stored = await changes.GetAsync(due.HistoryPartition, due.HistoryRow, cancellationToken);
            if (stored is null)
            {
                // Ingest stores the change after delivering it: an instance that died in between leaves the message to be
                // retried, which stores it. Until then this counts as a failed attempt; if it is dead-lettered meanwhile,
                // the message's retry (or its move back from poison) delivers it again (DeliveryMode.Resumed).
                error = "the change is not in history (not stored yet, or removed)";
            }
            else
            {
                var transform = due.Transform is { } json ? JsonSerializer.Deserialize(json, DeliveryJsonContext.Default.RouteTransform) : null;
                await deliverer.DeliverAsync(stored.Event, due.Destination, transform, cancellationToken);
            }
        }
        catch (Exception e) when (Deliverer.IsPublishFailure(e, cancellationToken))
        {
            error = Failures.Describe(e);
            failure = e;
        }

        if (error is not null)
        {
            return await DeliveryFailures.RecordAsync(deliveries, metrics, logger, Failed(due, attempt, error), failure, lastAttempt || (failure is not null && Failures.IsRejection(failure)), cancellationToken);
        }

        try
        {
            await deliveries.MarkPublishedAsync(due.Id, due.Destination, attempt, DeliveryState.Failed, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.PublishedNotRecorded(logger, due.Id, due.Destination, e); // never recorded as a failure: that would publish it again
        }

        metrics.OnRedriven(due.Destination);
        Log.Redriven(logger, due.Id, due.Destination, attempt);
        return DeliveryState.Published;
    }

    private FailedDelivery Failed(FailedDelivery due, int attempt, string error) =>
        due with { Attempts = attempt, LastError = error, NextAttemptAt = time.GetUtcNow() + DeliveryFailures.Delay(options.Value, attempt) };
}
