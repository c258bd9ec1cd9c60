using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using KadoaBridge.Core.Contract;
using KadoaBridge.Core.Kadoa;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KadoaBridge.Core.Reconcile;

/// <summary>
/// Kadoa may emit a data change before it stored the data (<c>dataPending: true</c>, <c>data</c> null). Such an event
/// is not ingested yet: it waits on queue <c>enrich</c> (a delayed message, so no instance is held), and each attempt
/// asks <c>GET /v5/changes/{id}</c> until the data is there, then ingests the event with its snapshot. After
/// <see cref="ReconcileOptions.EnrichTimeout"/> it is ingested as it is, still <c>dataPending: true</c>, and counted.
/// </summary>
public sealed partial class DataPendingEnrichment(
    KadoaChangesClient kadoa,
    QueueServiceClient queues,
    ReconcileStore store,
    ReconcileMetrics metrics,
    IOptions<ReconcileOptions> options,
    TimeProvider time,
    ILogger<DataPendingEnrichment> logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);

    private readonly QueueClient _queue = queues.GetQueueClient(QueueNames.Enrich);

    /// <summary>True for a <c>Kadoa.Workflow.DataChanged</c> whose <c>data.dataPending</c> is true: its data is still to come.</summary>
    public static bool IsPending(ReadOnlyMemory<byte> cloudEvent)
    {
        if (cloudEvent.Span.IndexOf("\"dataPending\""u8) < 0)
        {
            return false; // the common case, without parsing
        }

        try
        {
            using var document = JsonDocument.Parse(cloudEvent);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals(KadoaEventTypes.ToCloudEventType(KadoaEventTypes.DataChange)) &&
                root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object &&
                data.TryGetProperty("dataPending", out var pending) && pending.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false; // ingest quarantines what it cannot read
        }
    }

    /// <summary>Whether waiting is on at all (<see cref="ReconcileOptions.EnrichTimeout"/> above 0).</summary>
    public bool Enabled => options.Value.EnrichTimeout > TimeSpan.Zero;

    /// <summary>Parks a pending event on queue <c>enrich</c>, to be asked about after a first delay.</summary>
    public async Task DeferAsync(ReadOnlyMemory<byte> cloudEvent, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.EnrichTimeout;
        await SendAsync(cloudEvent, 0, deadline, FirstDelay, cancellationToken);
        Log.EnrichmentDeferred(logger, ReadId(cloudEvent), options.Value.EnrichTimeout);
    }

    /// <summary>
    /// One attempt: the event to ingest now (with its data, or as it is when the wait is over), or null when it waits
    /// again. Kadoa and storage failures throw, so the queue retries the attempt.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>?> CompleteAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var item = JsonNode.Parse(message.Span) as JsonObject ?? throw new InvalidDataException("An enrichment item is not a JSON object.");
        var cloudEvent = item["event"] as JsonObject ?? throw new InvalidDataException("An enrichment item has no event.");
        var attempt = item["attempt"]?.GetValue<int>() ?? 0;
        var deadline = item["deadline"]?.GetValue<DateTimeOffset>() ?? time.GetUtcNow();
        var id = cloudEvent["id"]?.GetValue<string>() ?? throw new InvalidDataException("An enrichment item's event has no id.");
        var data = cloudEvent["data"] as JsonObject ?? throw new InvalidDataException("An enrichment item's event has no data.");
        var changeId = data[CloudEventNames.ChangeId]?.GetValue<string>() ?? id;

        if (await kadoa.GetAsync(changeId, cancellationToken) is { } change && IsComplete(change, out var rows))
        {
            data[CloudEventNames.Snapshot] = JsonNode.Parse(rows.GetRawText());
            data.Remove("dataPending");
            Log.EnrichmentCompleted(logger, id, attempt + 1);
            return Serialize(cloudEvent);
        }

        var now = time.GetUtcNow();
        if (now >= deadline)
        {
            await store.CountEnrichmentTimeoutAsync(id, now, cancellationToken);
            metrics.OnEnrichmentTimedOut();
            Log.EnrichmentTimedOut(logger, id, attempt + 1);
            return Serialize(cloudEvent);
        }

        var delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(attempt + 1, 16)));
        await SendAsync(Serialize(cloudEvent), attempt + 1, deadline, delay < deadline - now ? delay : deadline - now, cancellationToken);
        return null;
    }

    /// <summary>Kadoa has the data: <c>dataPending</c> is not true and <c>data</c> is present.</summary>
    private static bool IsComplete(JsonElement change, out JsonElement rows)
    {
        rows = default;
        var pending = change.TryGetProperty("dataPending", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (pending || !change.TryGetProperty("data", out var data) || data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return false;
        }

        rows = data;
        return true;
    }

    /// <summary>The item carries the event as a JSON object, not a string, so it stays within the queue's 64 KiB as the event did.</summary>
    private async Task SendAsync(ReadOnlyMemory<byte> cloudEvent, int attempt, DateTimeOffset deadline, TimeSpan delay, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(cloudEvent.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("attempt", attempt);
            writer.WriteString("deadline", deadline);
            writer.WritePropertyName("event");
            writer.WriteRawValue(cloudEvent.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }

        await _queue.SendMessageAsync(BinaryData.FromBytes(buffer.WrittenMemory), delay, TimeSpan.FromSeconds(-1), cancellationToken);
    }

    private static ReadOnlyMemory<byte> Serialize(JsonObject cloudEvent) => JsonSerializer.SerializeToUtf8Bytes(cloudEvent, ReconcileJsonContext.Default.JsonObject);

    private static string ReadId(ReadOnlyMemory<byte> cloudEvent)
    {
        using var document = JsonDocument.Parse(cloudEvent);
        return document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "?";
    }
}
