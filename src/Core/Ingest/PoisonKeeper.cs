using Azure.Storage.Queues;
using KadoaBridge.Core.Storage;
using Microsoft.Extensions.Logging;

namespace KadoaBridge.Core.Ingest;

/// <summary>
/// Keeps a message that failed ingest every attempt: reads its CloudEvent id → looks up the failure reasons recorded
/// for it → writes the durable copy (<see cref="PoisonStore"/>). After that the poison queue's message can go: the copy
/// does not expire, shows in <c>/api/status</c> and can be sent back through ingest.
/// </summary>
public sealed class PoisonKeeper(PoisonStore store, IngestFailureStore failures, QueueServiceClient queues, TimeProvider time, ILogger<PoisonKeeper> logger)
{
    /// <summary>Failure reasons kept with a copy, the latest. 20.</summary>
    public const int MaxReasons = 20;

    /// <summary>How long a message that could not be kept waits on <c>ingress-poison</c> before the next try. 5 minutes.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>A deferred poison message never expires (-1): it waits however long storage is down.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

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

    /// <summary>
    /// Puts a poison message whose copy could not be written back on <c>ingress-poison</c> as a new message, invisible for
    /// <see cref="RetryDelay"/> and never expiring, instead of letting the host move it to <c>ingress-poison-poison</c>,
    /// where it would expire after 7 days unseen. Called on the trigger's last attempt; a failure here throws.
    /// </summary>
    public async Task DeferAsync(string messageId, ReadOnlyMemory<byte> message, Exception failure, CancellationToken cancellationToken)
    {
        await queues.GetQueueClient(QueueNames.IngressPoison).SendMessageAsync(new BinaryData(message), RetryDelay, NeverExpires, cancellationToken);
        Log.PoisonDeferred(logger, failure, messageId, RetryDelay);
    }
}
