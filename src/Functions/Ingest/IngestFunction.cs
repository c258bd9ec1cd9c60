using Azure.Storage.Queues.Models;
using KadoaBridge.Core.Diagnostics;
using KadoaBridge.Core.Ingest;
using KadoaBridge.Core.Reconcile;
using Microsoft.Azure.Functions.Worker;

namespace KadoaBridge.Functions.Ingest;

/// <summary>
/// Ingest, triggered by the ingress queue that Event Grid fills from the ingress topic (connection <c>IngressQueue</c>;
/// messages are CloudEvents JSON, read with <c>messageEncoding: none</c> from host.json). Failures throw so the queue
/// retries; the reason of each failure is recorded (by message and by CloudEvent id), and a message failing every attempt
/// lands in <c>ingress-poison</c>, where <see cref="PoisonFunction"/> keeps it. A copy of an event another instance is
/// still processing is handed back (<see cref="IngressRequeue"/>) without counting as a failed attempt. A data change Kadoa
/// emitted before storing its data waits on queue <c>enrich</c> first (<see cref="DataPendingEnrichment"/>).
/// </summary>
public sealed class IngestFunction(IngestService ingest, IngestFailureStore failures, IngressRequeue requeue, DataPendingEnrichment enrichment)
{
    /// <summary>host.json <c>extensions.queues.maxDequeueCount</c>: the attempt after which the runtime poisons a message.</summary>
    public const int MaxDequeueCount = 5;

    [Function("Ingest")]
    public async Task RunAsync([QueueTrigger("ingress", Connection = "IngressQueue")] QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (enrichment.Enabled && DataPendingEnrichment.IsPending(message.Body.ToMemory()))
            {
                await enrichment.DeferAsync(message.Body.ToMemory(), cancellationToken); // ingested once Kadoa has its data
                return;
            }

            if ((await ingest.IngestAsync(message.Body.ToMemory(), cancellationToken)).Outcome == IngestOutcome.InProgress)
            {
                await requeue.HandBackAsync(message.Body.ToMemory(), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failures.RecordAsync(
                message.MessageId, message.Body.ToMemory(), message.DequeueCount, message.DequeueCount >= MaxDequeueCount, Failures.Describe(e), cancellationToken);
            throw;
        }
    }
}
