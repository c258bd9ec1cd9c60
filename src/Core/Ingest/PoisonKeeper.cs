using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Keeps a message that failed ingest every attempt: reads its CloudEvent id → looks up the failure reasons recorded
/// for it → writes the durable copy (<see cref="PoisonStore"/>). After that the poison queue's message can go: the copy
/// does not expire, shows in <c>/api/status</c> and can be sent back through ingest.
/// </summary>
public sealed class PoisonKeeper(PoisonStore store, IngestFailureStore failures, TimeProvider time, ILogger<PoisonKeeper> logger)
{
    /// <summary>Failure reasons kept with a copy, the latest. 20.</summary>
    public const int MaxReasons = 20;

    /// <summary>Writes the copy of poison message <paramref name="messageId"/>; idempotent (the same message overwrites the same blob).</summary>
    public async Task<PoisonCopy> KeepAsync(string messageId, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var eventId = IngestEvent.TryReadId(message);
        var reasons = eventId is null ? [] : await failures.ReasonsAsync(eventId, MaxReasons, cancellationToken);
        var copy = new PoisonCopy(PoisonStore.KeyOf(messageId), messageId, eventId, time.GetUtcNow(), reasons, PoisonCopy.ToElement(message));
        await store.WriteAsync(copy, cancellationToken);
        Log.PoisonKept(logger, messageId, eventId, reasons.Count, copy.Id);
        return copy;
    }
}
