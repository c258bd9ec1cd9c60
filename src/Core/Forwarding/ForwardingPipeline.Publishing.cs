using Azure;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.EventGrid;

namespace KadoaBridge.Core.Forwarding;

/// <summary>Stage one: claim-check large payloads, store quarantined frames, publish the rest in batches.</summary>
public sealed partial class ForwardingPipeline
{
    /// <summary>A claim-check this large is followed by a compacting collection.</summary>
    private const int LargeFrameBytes = 1024 * 1024;

    private static readonly TimeSpan CompactionInterval = TimeSpan.FromMilliseconds(100);

    private long _lastCompaction;

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _received.Reader;
        var batch = new List<ForwardItem>(_options.MaxBatchEvents);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            var bytes = 2L;
            while (batch.Count < _options.MaxBatchEvents && reader.TryPeek(out var next))
            {
                var size = (next.Event?.CloudEvent.Length ?? 0) + 1;
                if (batch.Count > 0 && bytes + size > _options.MaxBatchBytes)
                {
                    break;
                }

                reader.TryRead(out _);
                batch.Add(next);
                bytes += size;
            }

            await RetryUntilDoneAsync(ct => ForwardAsync(batch, ct), PublishStage, cancellationToken);
            _published.Writer.TryWrite([.. batch]);
        }
    }

    /// <summary>Idempotent per item: a retry after a partial failure redoes only what is not done.</summary>
    private async Task ForwardAsync(List<ForwardItem> batch, CancellationToken cancellationToken)
    {
        await StoreClaimChecksAsync(batch, cancellationToken);
        foreach (var item in batch)
        {
            if (item.Quarantine is { } record && !item.Done)
            {
                await quarantine.WriteAsync(record, item.DeliveryId, item.Cursor, cancellationToken);
                item.Done = true;
                metrics.OnQuarantined();
                Log.Quarantined(logger, item.DeliveryId, record.Reason);
            }
        }

        var pending = batch.Where(i => !i.Done && i.Event is not null).ToList();
        if (pending.Count == 0)
        {
            MarkAcknowledgeOnly(batch);
            return;
        }

        try
        {
            await publisher.PublishAsync(pending.ConvertAll(i => i.Event!.CloudEvent), cancellationToken);
            Complete(pending);
        }
        catch (RequestFailedException e) when (IngressPublisher.IsRejection(e))
        {
            await PublishOneByOneAsync(pending, cancellationToken);
        }

        MarkAcknowledgeOnly(batch);
    }

    /// <summary>Event Grid refused the batch as invalid: find the events it refuses and quarantine only those.</summary>
    private async Task PublishOneByOneAsync(List<ForwardItem> pending, CancellationToken cancellationToken)
    {
        foreach (var item in pending)
        {
            try
            {
                await publisher.PublishAsync([item.Event!.CloudEvent], cancellationToken);
                Complete([item]);
            }
            catch (RequestFailedException e) when (IngressPublisher.IsRejection(e))
            {
                var record = new QuarantineRecord($"Event Grid refused the event ({e.Status} {e.ErrorCode}): {e.Message.Split('\n')[0]}", item.Event!.CloudEvent, time.GetUtcNow());
                await quarantine.WriteAsync(record, item.DeliveryId, item.Cursor, cancellationToken);
                item.Done = true;
                item.EndSpan(record.Reason);
                metrics.OnQuarantined();
                Log.Quarantined(logger, item.DeliveryId, record.Reason);
            }
        }
    }

    private async Task StoreClaimChecksAsync(List<ForwardItem> batch, CancellationToken cancellationToken)
    {
        var uploads = new List<Task>();
        foreach (var item in batch)
        {
            if (item.Event?.ClaimCheck is { } claimCheck)
            {
                uploads.Add(UploadAsync(item, claimCheck, cancellationToken));
            }
        }

        await Task.WhenAll(uploads);
    }

    private async Task UploadAsync(ForwardItem item, ClaimCheck claimCheck, CancellationToken cancellationToken)
    {
        await claimChecks.UploadAsync(claimCheck, cancellationToken);
        var freed = item.OnClaimCheckStored();
        Budget.Release(0, freed); // the receiver may read on while the small event is published
        metrics.OnClaimChecked();
        if (freed >= LargeFrameBytes && time.GetElapsedTime(Interlocked.Read(ref _lastCompaction)) >= CompactionInterval)
        {
            // Megabyte snapshots leave large-object garbage that the GC lets pile up while memory is plentiful (measured:
            // 300+ MB streaming 5 MB frames). Compacting after one is stored keeps the listener within 250 MB; the pause
            // is a few milliseconds and happens at most every CompactionInterval, only while such frames arrive.
            Interlocked.Exchange(ref _lastCompaction, time.GetTimestamp());
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    private void Complete(List<ForwardItem> items)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var item in items)
        {
            item.Done = true;
            item.EndSpan();
            metrics.RecordForwardLatency(System.Diagnostics.Stopwatch.GetElapsedTime(item.ReceivedAt, now));
        }

        metrics.OnPublished(items.Count);
    }

    private static void MarkAcknowledgeOnly(List<ForwardItem> batch)
    {
        foreach (var item in batch)
        {
            if (item.Event is null && item.Quarantine is null)
            {
                item.Done = true;
            }
        }
    }
}
