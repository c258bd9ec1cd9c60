using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace KadoaBridge.KadoaSimulator;

public sealed partial class KadoaSimulator
{
    /// <summary>
    /// Appends an event to the log (delivery id <c>dlv-{sequence}</c> unless given, cursor, timestamp) and queues it to
    /// every subscribed socket. Completes once queued; <see cref="SimulatedEvent.SentTimestamp"/> of the result is 0.
    /// </summary>
    public Task<SimulatedEvent> EmitAsync(string type, JsonNode? payload, EmitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(EmitCore(type, payload, options));
    }

    /// <summary>Emits a realistic <c>workflow_data_change</c> (change id <c>chg-...</c>, snapshot of <paramref name="snapshotRows"/> rows, differences of every kind).</summary>
    public Task<SimulatedEvent> EmitDataChangeAsync(string workflowId, int snapshotRows = 3, EmitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        ArgumentOutOfRangeException.ThrowIfNegative(snapshotRows);
        cancellationToken.ThrowIfCancellationRequested();
        var payload = DataChangeFactory.Create(workflowId, snapshotRows, _time.GetUtcNow());
        return Task.FromResult(EmitCore(DataChangeType, payload, options));
    }

    /// <summary>Emits a <c>workflow_data_change</c> whose payload serializes to about <paramref name="approximateBytes"/> bytes (within 1 %, never below the ~700 bytes of a minimal change): a large snapshot for claim-check tests.</summary>
    public Task<SimulatedEvent> EmitDataChangeOfSizeAsync(string workflowId, int approximateBytes, EmitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        ArgumentOutOfRangeException.ThrowIfNegative(approximateBytes);
        cancellationToken.ThrowIfCancellationRequested();
        var payload = DataChangeFactory.CreateOfSize(workflowId, approximateBytes, _time.GetUtcNow());
        return Task.FromResult(EmitCore(DataChangeType, payload, options));
    }

    /// <summary>Emits <paramref name="count"/> events back to back, <paramref name="factory"/> called with 0..count-1.</summary>
    public Task EmitBurstAsync(int count, Func<int, (string Type, JsonNode? Payload)> factory, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(factory);
        for (var i = 0; i < count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (type, payload) = factory(i);
            EmitCore(type, payload, null);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Emits <paramref name="count"/> events paced at <paramref name="eventsPerSecond"/> (event i is due at i/rate s
    /// after the start); completes after the last one. Events that are due are emitted together, so high rates do
    /// not cost a timer per event.
    /// </summary>
    public async Task EmitAtRateAsync(int eventsPerSecond, int count, Func<int, (string Type, JsonNode? Payload)> factory, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(factory);
        var start = Stopwatch.GetTimestamp();
        var emitted = 0;
        while (emitted < count)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            var due = (int)Math.Min(count, Math.Floor(elapsed.TotalSeconds * eventsPerSecond) + 1);
            for (; emitted < due; emitted++)
            {
                var (type, payload) = factory(emitted);
                EmitCore(type, payload, null);
            }

            if (emitted >= count)
            {
                break;
            }

            var wait = TimeSpan.FromSeconds((double)emitted / eventsPerSecond) - Stopwatch.GetElapsedTime(start);
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), cancellationToken);
        }
    }

    /// <summary>Queues an arbitrary text frame (e.g. malformed JSON) to every subscribed socket; not logged as an event.</summary>
    public Task SendRawAsync(string frameText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frameText);
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = Encoding.UTF8.GetBytes(frameText);
        lock (_gate)
        {
            foreach (var socket in _subscribers)
            {
                socket.Enqueue(OutboundFrame.Text(bytes));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Queues again, to every subscribed socket and in log order, each logged event with a delivery id that has no ack yet (same bytes: id, cursor, payload, timestamp).</summary>
    public Task RedeliverUnackedAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var resent = 0;
        lock (_gate)
        {
            foreach (var entry in _log)
            {
                if (entry.DeliveryId.Length == 0 || _acks.ContainsKey(entry.DeliveryId))
                {
                    continue;
                }

                resent++;
                foreach (var socket in _subscribers)
                {
                    socket.Enqueue(OutboundFrame.Text(entry.Frame, entry));
                }
            }
        }

        SimulatorLog.Redelivered(_logger, resent);
        return Task.CompletedTask;
    }

    private SimulatedEvent EmitCore(string type, JsonNode? payload, EmitOptions? options)
    {
        var variant = options?.Envelope ?? _options.DefaultEnvelope;
        var changeId = type == DataChangeType ? ReadString(payload, "id") : null;
        var dataPending = changeId is not null && (options?.ChangeDataPending ?? _options.EmitDataPending);
        var stored = payload;
        if (dataPending && payload is JsonObject full)
        {
            // The event goes out before Kadoa stored the data; GET /v5/changes serves the data once it is cleared.
            var pending = (JsonObject)full.DeepClone();
            pending["data"] = null;
            pending["dataPending"] = true;
            payload = pending;
        }

        LoggedEvent entry;
        lock (_gate)
        {
            var sequence = ++_sequence;
            var deliveryId = options?.OmitDeliveryId == true ? string.Empty : options?.DeliveryId ?? "dlv-" + sequence;
            var cursor = FormatCursor(sequence);
            var timestamp = _time.GetUtcNow();
            var frame = EnvelopeWriter.Event(
                variant,
                type,
                timestamp,
                deliveryId.Length == 0 ? null : deliveryId,
                options?.OmitCursor == true ? null : cursor,
                payload);
            entry = new LoggedEvent(new SimulatedEvent(sequence, deliveryId, cursor, type, payload, timestamp, 0, changeId), frame);
            _log.Add(entry);
            foreach (var socket in _subscribers)
            {
                socket.Enqueue(OutboundFrame.Text(frame, entry));
            }
        }

        if (changeId is not null && stored is JsonObject change)
        {
            _changes.Add(changeId, ReadString(change, "workflowId") ?? string.Empty, ReadCreatedAt(change) ?? entry.Snapshot.Timestamp,
                EnvelopeWriter.Serialize(change), dataPending);
        }

        return entry.Snapshot;
    }

    private static string? ReadString(JsonNode? node, string name) =>
        node is JsonObject obj ? HttpJson.GetString(obj, name) : null;

    private static DateTimeOffset? ReadCreatedAt(JsonObject change) =>
        ReadString(change, "createdAt") is { } text && DateTimeOffset.TryParse(text, out var createdAt) ? createdAt : null;
}
