using System.Diagnostics;
using System.Runtime.ExceptionServices;
using KadoaBridge.Core.Delivery;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Ingest of one ingress message: deduplicate → route → deliver → store in history, which marks it done. Three entity
/// writes per new event (claim; then time-index and workflow rows in one transaction) besides the publish. Storage
/// failures throw (the queue retries the message) after releasing the claim with the destinations already published,
/// so the retry skips them; a destination failure is recorded for redrive and never blocks or repeats another
/// destination. A copy of an event another instance is processing waits for it and completes as a repeat.
/// </summary>
public sealed class IngestService(
    DedupeStore dedupe,
    ChangeStore changes,
    SnapshotOffload snapshots,
    RecentIds recentlyDone,
    DeliveryService delivery,
    QuarantineStore quarantine,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<IngestService> logger)
{
    /// <summary>How many ids an instance remembers it finished (<see cref="RecentIds"/>): 50,000.</summary>
    public const int RecentlyDoneCapacity = 50_000;

    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a copy of an event another instance is processing waits for it before being handed back
    /// (<see cref="IngestOutcome.InProgress"/>). Default 10 s: well above one event's processing time, short of tying up
    /// a worker while the holder is stuck in retries.
    /// </summary>
    public TimeSpan InProgressWait { get; init; } = TimeSpan.FromSeconds(10);

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
        var claim = await ClaimOrWaitAsync(e.Id, proposed, timeFromEvent: e.Time is not null, cancellationToken);
        switch (claim.Outcome)
        {
            case DedupeOutcome.AlreadyDone:
                recentlyDone.Add(e.Id);
                return Duplicate(e.Id, span);
            case DedupeOutcome.InProgressElsewhere:
                Log.IngestHandedBack(logger, e.Id, InProgressWait);
                span?.SetTag("kadoa.ingest.in_progress", true);
                return new IngestResult(IngestOutcome.InProgress, e.Id, null, new Dictionary<string, DeliveryState>());
        }

        IReadOnlyCollection<string> published = [];
        await using var lease = dedupe.Hold(e.Id, claim);
        try
        {
            var at = claim.Location;
            await snapshots.OffloadAsync(e, cancellationToken);
            var (route, deliveries) = await delivery.DeliverAsync(
                e.Id, e.Bytes, e.Root, at.Partition, at.Row, claim.Resumed ? DeliveryMode.Resume(claim.Published) : DeliveryMode.FirstDelivery, cancellationToken);
            published = [.. deliveries.Where(d => d.Value == DeliveryState.Published).Select(d => d.Key)];
            await changes.SaveAsync(e, at, cancellationToken); // last: a stored change is what marks the event done
            recentlyDone.Add(e.Id);
            metrics.OnIngested(e.Time is { } created ? time.GetUtcNow() - created : null);
            Log.Ingested(logger, e.Id, e.WorkflowId, route.ToString(), deliveries.Count);
            return new IngestResult(IngestOutcome.Processed, e.Id, route, deliveries);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            metrics.OnFailure();
            BridgeTelemetry.Fail(span, failure);
            await lease.DisposeAsync(); // no renewal may race the release
            if (failure is DeliveryIncompleteException incomplete)
            {
                await ReleaseQuietlyAsync(e.Id, claim, incomplete.Published, cancellationToken);
                ExceptionDispatchInfo.Throw(incomplete.InnerException!); // the queue records the real cause
            }

            await ReleaseQuietlyAsync(e.Id, claim, published, cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// Claims the id; while another instance holds it (every event arrives twice with two listener replicas), polls
    /// with growing pauses for up to <see cref="InProgressWait"/> until the holder finishes (a repeat), fails (its claim
    /// is released and taken over here) or dies (its lease runs out and is taken over).
    /// </summary>
    private async Task<DedupeClaim> ClaimOrWaitAsync(string id, ChangeLocation proposed, bool timeFromEvent, CancellationToken cancellationToken)
    {
        var claim = await dedupe.ClaimAsync(id, proposed, timeFromEvent, cancellationToken);
        var pause = TimeSpan.FromMilliseconds(100);
        for (var waited = TimeSpan.Zero; claim.Outcome == DedupeOutcome.InProgressElsewhere && waited < InProgressWait; waited += pause, pause *= 2)
        {
            pause = pause < MaxPause ? pause : MaxPause;
            await Task.Delay(pause, time, cancellationToken);
            claim = recentlyDone.Contains(id) // the holder is this instance
                ? claim with { Outcome = DedupeOutcome.AlreadyDone }
                : await dedupe.ClaimAsync(id, proposed, timeFromEvent, cancellationToken);
        }

        return claim;
    }

    private IngestResult Duplicate(string id, Activity? span)
    {
        metrics.OnDuplicate();
        span?.SetTag("kadoa.ingest.duplicate", true);
        Log.IngestDuplicate(logger, id);
        return new IngestResult(IngestOutcome.Duplicate, id, null, new Dictionary<string, DeliveryState>());
    }

    private async Task ReleaseQuietlyAsync(string id, DedupeClaim claim, IReadOnlyCollection<string> published, CancellationToken cancellationToken)
    {
        try
        {
            await dedupe.ReleaseAsync(id, claim, published, cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            // Storage is down too: the lease runs out by itself, and the retry publishes again what this attempt published.
        }
    }
}
