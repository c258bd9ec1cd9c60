using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Kadoa.Realtime;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Forwarding;

/// <summary>
/// Decode → map for every message the receiver hands over (through <see cref="ForwardingSink"/>): heartbeats feed the
/// watchdog, <c>control.draining</c> asks for a replacement, events are mapped to the contract and handed to the pipeline
/// in arrival order. Deliveries already forwarded (drain overlap, redelivery) are suppressed but still acknowledged.
/// </summary>
public sealed class FrameIntake(
    ForwardingPipeline pipeline, CloudEventMapper mapper, ListenerMetrics metrics, ListenerState state, TimeProvider time, RecentIds recent, ILogger<FrameIntake> logger)
{
    private readonly Lock _gate = new();
    private string? _lastCursor;

    /// <summary>The cursor of the last frame accepted into the pipeline: where a new socket resumes.</summary>
    public string? LastCursor
    {
        get
        {
            lock (_gate)
            {
                return _lastCursor;
            }
        }
    }

    /// <summary>Starts from the stored checkpoint (only when nothing newer was received in this process).</summary>
    public void ResumeFrom(string? cursor)
    {
        lock (_gate)
        {
            _lastCursor ??= cursor;
        }
    }

    /// <summary>Called by a socket for each frame, on that socket's receive loop.</summary>
    /// <param name="message">Valid only during the call (the transport's pooled buffer) unless kept.</param>
    public void OnMessage(RealtimeSocket socket, ReceivedMessage message)
    {
        if (socket.Overflowed)
        {
            return;
        }

        Accept(socket, message, state.TeamId ?? "");
    }

    /// <param name="message">
    /// Valid only during the call: a quarantined frame is copied, and a claim-check cut from the message keeps it
    /// (<see cref="ReceivedMessage.Keep"/>) until the claim-check is stored.
    /// </param>
    internal void Accept(RealtimeSocket socket, ReceivedMessage message, string teamId)
    {
        var bytes = message.Bytes;
        var receivedAt = time.GetUtcNow();
        var decoded = FrameDecoder.Decode(bytes, receivedAt);
        if (decoded.Frame is not { } frame)
        {
            metrics.OnReceived();
            Enqueue(socket, ForwardItem.ForQuarantine(new QuarantineRecord(decoded.Error!, bytes.ToArray(), receivedAt), null, null, receivedAt), null);
            return;
        }

        using (frame)
        {
            if (frame.IsHeartbeat)
            {
                socket.OnHeartbeat();
                state.OnHeartbeat();
                return;
            }

            if (frame.IsDraining)
            {
                socket.OnDraining(frame.RetryAfter);
                return;
            }

            metrics.OnReceived();
            socket.OnEvent();
            var cursor = StorableCursor(frame);
            lock (_gate)
            {
                if (frame.DeliveryId is { } deliveryId && recent.Contains(deliveryId))
                {
                    metrics.OnDuplicate();
                    Enqueue(socket, ForwardItem.ForAcknowledgement(deliveryId, cursor, frame.Timestamp), null);
                    return;
                }

                ForwardItem item;
                var span = ListenerSpans.StartPublish(frame);
                try
                {
                    var mapped = mapper.Map(frame, teamId, CloudEventTracing.For(span), frameBytes: bytes);
                    if (frame.DeliveryId is null && recent.Contains(mapped.Id))
                    {
                        metrics.OnDuplicate();
                        span?.Dispose();
                        return;
                    }

                    ListenerSpans.Describe(span, mapped);
                    var kept = mapped.ClaimCheck is { } claimCheck && claimCheck.Content.Span.Overlaps(bytes.Span) ? message.Keep() : null;
                    item = ForwardItem.ForEvent(mapped, frame.DeliveryId, cursor, frame.Timestamp, span, kept);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or System.Text.Json.JsonException)
                {
                    span?.Dispose();
                    item = ForwardItem.ForQuarantine(new QuarantineRecord($"could not map the event: {e.Message}", bytes.ToArray(), receivedAt), frame.DeliveryId, cursor, frame.Timestamp);
                }

                Enqueue(socket, item, frame.DeliveryId ?? item.Event?.Id);
            }
        }
    }

    /// <summary>
    /// The frame's cursor, or null when no checkpoint could store it: the event is still forwarded and acknowledged, and
    /// the checkpoint (and a new socket's resume point) stays at the cursor before it, so it never blocks what follows.
    /// </summary>
    private string? StorableCursor(KadoaFrame frame)
    {
        if (frame.Cursor is { Length: > CheckpointStore.MaxCursorLength } cursor)
        {
            metrics.OnCheckpointSkipped();
            Log.CursorTooLong(logger, frame.DeliveryId, cursor.Length, CheckpointStore.MaxCursorLength);
            return null;
        }

        return frame.Cursor;
    }

    private void Enqueue(RealtimeSocket socket, ForwardItem item, string? id)
    {
        lock (_gate)
        {
            if (!pipeline.TryEnqueue(item))
            {
                item.EndSpan("the in-flight budget is spent: not read (Kadoa redelivers it)");
                socket.OnOverflow();
                return;
            }

            if (id is not null)
            {
                recent.Add(id);
            }

            if (item.Cursor is not null)
            {
                _lastCursor = item.Cursor;
            }
        }
    }
}
