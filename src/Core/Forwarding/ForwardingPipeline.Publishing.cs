using System.Text.Json;
using Azure;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Forwarding;

/// <summary>Stage one: claim-check large payloads, store quarantined frames, publish the rest in batches.</summary>
public sealed partial class ForwardingPipeline
{
    /// <summary>A claim-check this large is followed by a compacting collection.</summary>
    private const int LargeFrameBytes = 1024 * 1024;

    private static readonly TimeSpan CompactionInterval = TimeSpan.FromMilliseconds(100);

    private long _lastCompaction;
    private long _batchBytes;

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<ForwardItem>(_options.MaxBatchEvents);
        while (await _received.Reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            _batchBytes = 2;

            // Each attempt first takes in what arrived meanwhile, within the batch limits: while Event Grid refuses a
            // batch, newer events join it, and one of them being accepted is what tells bad events from a refusing topic.
            await RetryUntilDoneAsync(ct => ForwardAsync(TakeReceived(batch), ct), PublishStage, cancellationToken);
            _published.Writer.TryWrite([.. batch]);
        }
    }

    private List<ForwardItem> TakeReceived(List<ForwardItem> batch)
    {
        var reader = _received.Reader;
        while (batch.Count < _options.MaxBatchEvents && reader.TryPeek(out var next))
        {
            var size = (next.Event?.CloudEvent.Length ?? 0) + 1;
            if (batch.Count > 0 && _batchBytes + size > _options.MaxBatchBytes)
            {
                break;
            }

            reader.TryRead(out _);
            batch.Add(next);
            _batchBytes += size;
        }

        return batch;
    }

    /// <summary>Idempotent per item: a retry after a partial failure redoes only what is not done.</summary>
    private async Task ForwardAsync(List<ForwardItem> batch, CancellationToken cancellationToken)
    {
        await StoreClaimChecksAsync(batch, cancellationToken);
        foreach (var item in batch)
        {
            if (item.Quarantine is { } record && !item.Done)
            {
                await QuarantineAsync(item, record, cancellationToken);
            }
        }

        var pending = batch.Where(i => !i.Done && i.Quarantine is null && i.Event is not null).ToList();
        if (pending.Count > 0)
        {
            try
            {
                await PublishAsync(pending, cancellationToken);
            }
            catch (RequestFailedException e) when (Failures.IsRejection(e))
            {
                await IsolateRejectedAsync(pending, e, cancellationToken);
            }
        }

        MarkAcknowledgeOnly(batch);
    }

    private async Task PublishAsync(List<ForwardItem> items, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(items.ConvertAll(i => i.Event!.CloudEvent), cancellationToken);
        Complete(items);
    }

    private async Task QuarantineAsync(ForwardItem item, QuarantineRecord record, CancellationToken cancellationToken)
    {
        await quarantine.WriteAsync(record, item.DeliveryId, item.Cursor, cancellationToken);
        item.Done = true;
        item.EndSpan(record.Reason);
        metrics.OnQuarantined();
        Log.Quarantined(logger, item.DeliveryId, record.Reason);
    }

    private async Task StoreClaimChecksAsync(List<ForwardItem> batch, CancellationToken cancellationToken)
    {
        var uploads = new List<Task>();
        foreach (var item in batch)
        {
            if (item.Quarantine is null && item.Event?.ClaimCheck is { } claimCheck)
            {
                uploads.Add(UploadAsync(item, claimCheck, cancellationToken));
            }
        }

        await Task.WhenAll(uploads);
    }

    private async Task UploadAsync(ForwardItem item, ClaimCheck claimCheck, CancellationToken cancellationToken)
    {
        try
        {
            await claimChecks.UploadAsync(claimCheck, cancellationToken);
        }
        catch (RequestFailedException e) when (PermanentFailure.Is(e))
        {
            // This blob can never be written (a name storage refuses, a lease someone holds): keep the event and its
            // claim-check in quarantine rather than retry it forever in front of everything behind it.
            var reason = $"the claim-check blob '{claimCheck.BlobName}' cannot be stored ({e.Status} {e.ErrorCode}); the frame holds the event and its {claimCheck.Content.Length}-byte claim-check";
            item.Isolate(new QuarantineRecord(reason, WithClaimCheck(item.Event!.CloudEvent, claimCheck), time.GetUtcNow()));
            return;
        }

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

    /// <summary><c>{"cloudEvent":…,"claimCheck":{"blobName":…,"content":…}}</c>: everything needed to forward it later.</summary>
    private static byte[] WithClaimCheck(ReadOnlyMemory<byte> cloudEvent, ClaimCheck claimCheck)
    {
        using var stream = new MemoryStream(cloudEvent.Length + claimCheck.Content.Length + 256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("cloudEvent");
            writer.WriteRawValue(cloudEvent.Span, skipInputValidation: true);
            writer.WriteStartObject("claimCheck");
            writer.WriteString("blobName", claimCheck.BlobName);
            writer.WritePropertyName("content");
            writer.WriteRawValue(claimCheck.Content.Span, skipInputValidation: true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return stream.ToArray();
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
        OnAccepted(items[^1].Event!.CloudEvent);
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
