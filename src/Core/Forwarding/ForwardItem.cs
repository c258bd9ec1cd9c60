using System.Diagnostics;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Storage;

namespace KadoaBridge.Core.Forwarding;

/// <summary>One received frame on its way through publish → acknowledge/checkpoint, in arrival order.</summary>
public sealed class ForwardItem
{
    /// <summary>The received message the claim-check is a slice of, kept out of the transport's pool until it is stored.</summary>
    private IDisposable? _receivedBytes;

    private ForwardItem(string? deliveryId, string? cursor, DateTimeOffset frameTime, long bytes)
    {
        DeliveryId = deliveryId;
        Cursor = cursor;
        FrameTime = frameTime;
        Bytes = bytes;
        ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
    }

    /// <summary>The event to publish, or null for a quarantined frame or a duplicate that only needs acknowledging.</summary>
    public MappedEvent? Event { get; private set; }

    /// <summary>Set when the frame cannot be published: it is stored in quarantine instead.</summary>
    public QuarantineRecord? Quarantine { get; private set; }

    /// <summary>Published, quarantined, or (for a duplicate) nothing to do: ready to acknowledge.</summary>
    internal bool Done { get; set; }

    public string? DeliveryId { get; }

    public string? Cursor { get; }

    /// <summary>Kadoa's timestamp of the frame; orders checkpoints between replicas.</summary>
    public DateTimeOffset FrameTime { get; }

    /// <summary>Memory this item holds, counted against the in-flight budget.</summary>
    public long Bytes { get; private set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of receipt, for latency figures.</summary>
    public long ReceivedAt { get; }

    /// <summary>The claim-check is stored: drop its bytes (megabytes for a large snapshot) and say how many were freed.</summary>
    internal long OnClaimCheckStored()
    {
        var freed = Event?.ClaimCheck?.Content.Length ?? 0;
        Event = Event! with { ClaimCheck = null };
        ReleaseReceivedBytes();
        Bytes -= freed;
        return freed;
    }

    /// <summary>
    /// Part of this event can never be stored or published: it goes to quarantine instead, with the reason. The record
    /// holds its own copy of what it needs, so the received bytes are given back.
    /// </summary>
    internal void Isolate(QuarantineRecord record)
    {
        Quarantine = record;
        ReleaseReceivedBytes();
    }

    private void ReleaseReceivedBytes() => Interlocked.Exchange(ref _receivedBytes, null)?.Dispose();

    /// <summary>The span of this event's trace in the listener (receipt → accepted by the ingress topic); null when nothing listens.</summary>
    public Activity? Span { get; private init; }

    /// <summary>Ends the event's span: accepted by the ingress topic, or with the reason it was not.</summary>
    internal void EndSpan(string? error = null)
    {
        if (Span is not { } span)
        {
            return;
        }

        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error);
        }

        span.Stop();
    }

    /// <param name="receivedBytes">
    /// Set when the claim-check is a slice of the received message: disposed (the bytes back to the transport's pool)
    /// once the claim-check is stored or the event is quarantined.
    /// </param>
    public static ForwardItem ForEvent(
        MappedEvent mapped, string? deliveryId, string? cursor, DateTimeOffset frameTime, Activity? span = null, IDisposable? receivedBytes = null) =>
        new(deliveryId, cursor, frameTime, mapped.CloudEvent.Length + (mapped.ClaimCheck?.Content.Length ?? 0))
        {
            Event = mapped, Span = span, _receivedBytes = receivedBytes,
        };

    public static ForwardItem ForQuarantine(QuarantineRecord record, string? deliveryId, string? cursor, DateTimeOffset frameTime) =>
        new(deliveryId, cursor, frameTime, record.Frame.Length) { Quarantine = record };

    /// <summary>A duplicate delivery: nothing to publish, but Kadoa wants its id acknowledged after what came before.</summary>
    public static ForwardItem ForAcknowledgement(string deliveryId, string? cursor, DateTimeOffset frameTime) =>
        new(deliveryId, cursor, frameTime, 0);
}
