using System.Diagnostics;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Forwarding;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Ingest of one ingress message: deduplicate → route → deliver → store in history, which marks it done. Three entity
/// writes per new event (claim; then time-index and workflow rows in one transaction) besides the publish. Storage
/// failures throw (the queue retries the message); a destination failure is recorded for redrive and never blocks or
/// repeats another destination.
/// </summary>
public sealed class IngestService(
    DedupeStore dedupe,
    ChangeStore changes,
    SnapshotOffload snapshots,
    RecentlyDone recentlyDone,
    RouteDispatcher dispatcher,
    QuarantineStore quarantine,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    public async Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        using var e = IngestEvent.TryParse(message, out var error);
        if (e is null)
        {
            await quarantine.WriteAsync(new QuarantineRecord($"ingest: {error}", message, receivedAt), null, null, cancellationToken);
            metrics.OnQuarantined();
            Log.IngestQuarantined(logger, error!);
            return new IngestResult(IngestOutcome.Quarantined, null, null, new Dictionary<string, DeliveryState>(), error);
        }

        using var span = IngestSpans.StartProcess(e);
        if (recentlyDone.Contains(e.Id))
        {
            return Duplicate(e.Id, span);
        }

        var proposed = new ChangeLocation(e.WorkflowId, e.Time ?? receivedAt, e.Id);
        var claim = await dedupe.ClaimAsync(e.Id, proposed, timeFromEvent: e.Time is not null, cancellationToken);
        switch (claim.Outcome)
        {
            case DedupeOutcome.AlreadyDone:
                recentlyDone.Add(e.Id);
                return Duplicate(e.Id, span);
            case DedupeOutcome.InProgressElsewhere:
                throw new EventInProgressException($"Event {e.Id} is being processed by another instance; the message will be retried.");
        }

        try
        {
            var at = claim.Location;
            await snapshots.OffloadAsync(e, cancellationToken);
            var (route, deliveries) = await dispatcher.DispatchAsync(
                e.Id, e.Bytes, e.Root, at.Partition, at.Row, claim.Resumed ? DispatchMode.Resume : DispatchMode.FirstDelivery, cancellationToken);
            await changes.SaveAsync(e, at, cancellationToken); // last: a stored change is what marks the event done
            recentlyDone.Add(e.Id);
            metrics.OnIngested(e.Time is { } created ? time.GetUtcNow() - created : null);
            Log.Ingested(logger, e.Id, e.WorkflowId, route.ToString(), deliveries.Count);
            return new IngestResult(IngestOutcome.Processed, e.Id, route, deliveries);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            metrics.OnFailure();
            IngestSpans.Fail(span, failure);
            await ReleaseQuietlyAsync(e.Id, cancellationToken);
            throw;
        }
    }

    private IngestResult Duplicate(string id, Activity? span)
    {
        metrics.OnDuplicate();
        span?.SetTag("kadoa.ingest.duplicate", true);
        Log.IngestDuplicate(logger, id);
        return new IngestResult(IngestOutcome.Duplicate, id, null, new Dictionary<string, DeliveryState>());
    }

    private async Task ReleaseQuietlyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await dedupe.ReleaseAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            // Storage is down too: the lease runs out by itself.
        }
    }
}
