using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Routing;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Delivery;

/// <summary>
/// How a failed delivery is kept for redrive: when it is due again, and the failed or dead-lettered state it is recorded
/// in. Shared by first deliveries (<see cref="DeliveryService"/>) and redrives (<c>Ingest.Redrive</c>).
/// </summary>
public static class DeliveryFailures
{
    /// <summary>Wait before attempt <paramref name="attempt"/> + 1: base × 2^(attempt-1), capped.</summary>
    public static TimeSpan Delay(RoutingOptions options, int attempt) =>
        TimeSpan.FromTicks(Math.Min(options.RedriveMaxDelay.Ticks, options.RedriveBaseDelay.Ticks * (1L << Math.Clamp(attempt - 1, 0, 30))));

    /// <summary>
    /// Records a failed attempt: dead-lettered (kept with its error, no more attempts) when <paramref name="deadLetter"/>,
    /// else due again at <see cref="FailedDelivery.NextAttemptAt"/>.
    /// </summary>
    /// <param name="exception">What failed, logged with the attempt; null when the failure is no exception (the change is gone).</param>
    public static async Task<DeliveryState> RecordAsync(
        DeliveryStore deliveries, IngestMetrics metrics, ILogger logger, FailedDelivery failure, Exception? exception, bool deadLetter, CancellationToken cancellationToken)
    {
        metrics.OnDeliveryFailed(failure.Destination);
        if (deadLetter)
        {
            metrics.OnDeadLettered(failure.Destination);
            await deliveries.MarkDeadLetteredAsync(failure with { NextAttemptAt = null }, cancellationToken);
            Log.DeliveryDeadLettered(logger, failure.Id, failure.Destination, failure.LastError!, exception);
            return DeliveryState.DeadLettered;
        }

        await deliveries.MarkFailedAsync(failure, cancellationToken);
        Log.DeliveryFailed(logger, failure.Id, failure.Destination, failure.Attempts, failure.LastError!, exception);
        return DeliveryState.Failed;
    }
}
