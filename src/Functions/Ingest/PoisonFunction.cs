using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Ingest;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>
/// Triggered by <c>ingress-poison</c> (connection <c>IngressQueue</c>, like <see cref="IngestFunction"/>): keeps a durable
/// copy of each message that failed ingest every attempt, with its failure reasons, in blob container <c>poison</c>; the
/// message then completes and leaves the queue, where it would expire after 7 days. Idempotent: a retried trigger
/// overwrites the same blob. Storage failures throw, so the queue retries; on the last attempt the message goes back on
/// <c>ingress-poison</c> for a later try instead of to <c>ingress-poison-poison</c>.
/// </summary>
public sealed class PoisonFunction(PoisonKeeper keeper)
{
    [Function("KeepPoison")]
    public async Task RunAsync([QueueTrigger("ingress-poison", Connection = "IngressQueue")] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await keeper.KeepAsync(message.MessageId, message.Body.ToMemory(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && message.DequeueCount >= IngestFunction.MaxDequeueCount)
        {
            await keeper.DeferAsync(message.MessageId, message.Body.ToMemory(), e, cancellationToken);
        }
    }
}
